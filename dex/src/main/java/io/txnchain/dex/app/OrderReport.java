package io.txnchain.dex.app;

import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.ExpireReason;

/**
 * What became of a newly placed order within its own command, read from the command's events.
 *
 * @param accepted the engine's acceptance event
 * @param filled base units it traded as taker
 * @param expired the reason its unfilled rest expired, or {@code null} when it did not
 */
record OrderReport(DexEvent.OrderAccepted accepted, long filled, ExpireReason expired) {

  /** The report of the order {@code out} placed, or {@code null} when it placed none. */
  static OrderReport of(Outcome out) {
    DexEvent.OrderAccepted accepted = null;
    long filled = 0;
    ExpireReason expired = null;
    for (DexEvent e : out.events()) {
      if (e instanceof DexEvent.OrderAccepted a && accepted == null) {
        accepted = a;
      } else if (accepted == null) {
        continue;
      } else if (e instanceof DexEvent.Trade t && t.takerOrderId() == accepted.orderId()) {
        filled += t.quantity();
      } else if (e instanceof DexEvent.OrderExpired x && x.orderId() == accepted.orderId()) {
        expired = x.reason();
      }
    }
    return accepted == null ? null : new OrderReport(accepted, filled, expired);
  }

  long orderId() {
    return accepted.orderId();
  }

  /** {@code open}, {@code partially_filled}, {@code filled} or {@code expired}. */
  String status() {
    if (filled == accepted.quantity()) {
      return "filled";
    }
    if (expired != null) {
      return "expired";
    }
    return filled > 0 ? "partially_filled" : "open";
  }

  /** What rests in the book: 0 once filled or expired. */
  long resting() {
    return expired != null ? 0 : accepted.quantity() - filled;
  }
}
