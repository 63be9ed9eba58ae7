package io.txnchain.dex.book;

import io.txnchain.wire.dex.Side;

/**
 * The canonical book hash shared by every {@link OrderBook} implementation: SHA-256 over tag {@code
 * pixie-dex-book-v1}, then for each level in {@link BookVisitor} order {@code 'L', side code,
 * price, total, count}, and for each of its orders {@code 'O', id, account, remaining, flags}, then
 * {@code 'E'}. Two books hash equal exactly when they hold the same orders at the same prices in
 * the same priority.
 */
public final class BookHash {
  private BookHash() {}

  /** The 32-byte hash of {@code book}. */
  public static byte[] of(OrderBook book) {
    StateDigest d = new StateDigest("pixie-dex-book-v1");
    book.visit(
        new BookVisitor() {
          @Override
          public void level(Side side, long price, long totalQuantity, int orderCount) {
            d.putByte('L').putByte(side.code()).putLong(price).putLong(totalQuantity);
            d.putLong(orderCount);
          }

          @Override
          public void order(long orderId, long account, long remaining, int flags) {
            d.putByte('O').putLong(orderId).putLong(account).putLong(remaining).putLong(flags);
          }
        });
    return d.putByte('E').finish();
  }
}
