package io.txnchain.dex.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import org.junit.jupiter.api.Test;

class FastOrderBookTest {
  static final SelfTradePrevention STP = SelfTradePrevention.EXPIRE_TAKER;

  @Test
  void manyLevelsInAnyOrderStaySortedAndMatchBestFirst() {
    FastOrderBook book = new FastOrderBook();
    RecordingListener l = new RecordingListener();
    long id = 1;
    // 500 ask levels inserted out of order (odd then even prices), 2 orders each.
    for (int pass = 0; pass < 2; pass++) {
      for (long p = 1_000 + pass; p < 2_000; p += 2) {
        book.submit(id++, 1, Side.SELL, p, 1, true, STP, 0, l);
        book.submit(id++, 2, Side.SELL, p, 1, true, STP, 0, l);
      }
    }
    assertThat(book.orderCount()).isEqualTo(2_000);
    assertThat(book.bestPrice(Side.SELL)).isEqualTo(1_000);
    // Remove every level in the middle, then sweep the rest from the best.
    for (long i = 1; i < id; i++) {
      RestingOrder o = book.find(i);
      if (o != null && o.price() >= 1_200 && o.price() < 1_800) {
        book.cancel(i, l);
      }
    }
    l.calls.clear();
    assertThat(book.submit(id++, 3, Side.BUY, 1_999, 1_000, false, STP, 0, l))
        .isEqualTo(TakerOutcome.EXPIRED);
    long trades = l.calls.stream().filter(c -> c.startsWith("trade")).count();
    assertThat(trades).isEqualTo(800);
    assertThat(l.calls.get(0)).isEqualTo("trade 1 1 1000 1 0");
    assertThat(book.orderCount()).isZero();
    assertThat(book.bestPrice(Side.SELL)).isZero();
    assertThat(book.stateHash()).isEqualTo(new NaiveOrderBook().stateHash());
  }

  @Test
  void emptyBooksOfBothKindsHashAlike() {
    assertThat(new FastOrderBook().stateHash()).isEqualTo(new NaiveOrderBook().stateHash());
  }

  @Test
  void pooledNodesAreReusedCleanly() {
    FastOrderBook book = new FastOrderBook();
    RecordingListener l = new RecordingListener();
    for (long round = 0; round < 100; round++) {
      long id = round * 10;
      book.submit(id + 1, 1, Side.BUY, 100, 5, true, STP, 0, l);
      book.submit(id + 2, 1, Side.BUY, 99, 5, true, STP, 0, l);
      assertThat(book.submit(id + 3, 2, Side.SELL, 99, 10, true, STP, 0, l))
          .isEqualTo(TakerOutcome.FILLED);
      assertThat(book.orderCount()).isZero();
    }
  }
}
