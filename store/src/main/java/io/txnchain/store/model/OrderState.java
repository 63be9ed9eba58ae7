package io.txnchain.store.model;

/**
 * The public status of an order. Its price, side and resting quantity are known only once it rests
 * (the aggregated book change of the transaction that placed it reveals them); an order that never
 * rested shows {@code side} from its trades and {@code price} 0. The original quantity of an order
 * is private to its owner and never known here.
 *
 * @param owner the address (lower-case hex) that signed the transaction placing the order
 * @param side {@code buy}, {@code sell}, or empty when not known
 * @param price the resting price, 0 when the order never rested
 * @param restingQuantity what the order left in the book when placed, 0 when it never rested
 * @param executedQuantity the sum of its fills
 * @param executedQuote the sum of its fills' notional, in quote units
 * @param remaining what is still open in the book
 * @param status {@code open}, {@code partially_filled}, {@code filled}, {@code cancelled}, {@code
 *     expired}
 * @param reason why it expired, or empty
 * @param txId the transaction that placed it
 */
public record OrderState(
    long orderId,
    String market,
    String owner,
    String side,
    long price,
    long restingQuantity,
    long executedQuantity,
    long executedQuote,
    long remaining,
    String status,
    String reason,
    String txId,
    long createdMillis,
    long updatedMillis) {

  /** Whether the order may still trade. */
  public boolean isOpen() {
    return status.equals("open") || status.equals("partially_filled");
  }
}
