package io.txnchain.dex.market;

import io.txnchain.wire.dex.Side;

/**
 * A market's checked arithmetic: notionals, fees, the amounts an order locks, and the price band.
 * Inputs are assumed on tick and on lot (the engine checks that first); every method that could
 * overflow throws {@link ArithmeticException} instead.
 *
 * <p>Locking rule: a buy order of quantity {@code q} at limit {@code p} locks {@link #buyLock}
 * {@code (p, q)} = notional + the largest fee either role could pay; a sell order locks {@code q}
 * base units. {@code buyLock} is super-additive in {@code q} (notional is linear, the rounded-down
 * bps part is super-additive), so releasing {@code buyLock(p, before) - buyLock(p, after)} on each
 * fill always covers that fill's cost, and what stays locked is exactly {@code buyLock(p,
 * remaining)}.
 */
public final class Pricing {
  private final MarketSpec spec;
  private final long tick;
  private final long lot;
  private final long quotePerTickLot;
  private final FeeSchedule fees;
  private final FeeSchedule charged;

  Pricing(MarketSpec spec, FeeSchedule charged) {
    if (!charged.fitsUnder(spec.fees())) {
      throw new IllegalArgumentException(
          spec.symbol() + ": fees above the market's listed fee schedule, which orders lock for");
    }
    this.spec = spec;
    this.tick = spec.tickSize();
    this.lot = spec.lotSize();
    this.quotePerTickLot = spec.quotePerTickLot();
    this.fees = spec.fees();
    this.charged = charged;
  }

  /**
   * The same market charging {@code newFees} on fills from now on. Orders keep locking for the
   * listed schedule ({@link MarketSpec#fees()}), which caps what governance may set, so an order
   * that rests across a fee change always has its fee covered.
   *
   * @throws IllegalArgumentException when {@code newFees} exceeds the listed schedule
   */
  public Pricing withCharged(FeeSchedule newFees) {
    return new Pricing(spec, newFees);
  }

  /** The fees charged on fills now. */
  public FeeSchedule charged() {
    return charged;
  }

  /** The spec this arithmetic belongs to. */
  public MarketSpec spec() {
    return spec;
  }

  /** Whether {@code price} is a positive multiple of the tick size. */
  public boolean onTick(long price) {
    return price > 0 && price % tick == 0;
  }

  /** Whether {@code quantity} is a positive multiple of the lot size. */
  public boolean onLot(long quantity) {
    return quantity > 0 && quantity % lot == 0;
  }

  /** Number of lots in an on-lot quantity. */
  public long lots(long quantity) {
    return quantity / lot;
  }

  /** {@code price * quantity / quantityScale} in quote units, exact. */
  public long notional(long price, long quantity) {
    return Math.multiplyExact(Math.multiplyExact(price / tick, quantity / lot), quotePerTickLot);
  }

  /**
   * Quote units a buy of {@code quantity} at limit {@code price} locks: notional + max fee under
   * the listed schedule.
   */
  public long buyLock(long price, long quantity) {
    long notional = notional(price, quantity);
    return Math.addExact(notional, fees.maxFee(notional, quantity / lot));
  }

  /** The maker fee on a fill. */
  public long makerFee(long notional, long quantity) {
    return charged.makerFee(notional, quantity / lot);
  }

  /** The taker fee on a fill. */
  public long takerFee(long notional, long quantity) {
    return charged.takerFee(notional, quantity / lot);
  }

  /**
   * Checks that fees on any fill of up to {@code quantity} stay representable, so settlement of a
   * sell order cannot overflow half-way through a match.
   */
  public void checkFeeRange(long quantity) {
    Math.multiplyExact(quantity / lot, fees.maxPerLot());
  }

  /**
   * The worst price a market order may trade at: {@code reference} moved by the band against the
   * taker, rounded to the tick towards the reference, and never below one tick.
   */
  public long bandLimit(Side takerSide, long reference) {
    long move = FixedPoint.bpsOf(reference, spec.priceBandBps());
    if (takerSide == Side.BUY) {
      long up = Math.addExact(reference, move);
      return up - up % tick;
    }
    long down = reference - move;
    long rounded = down % tick == 0 ? down : down - down % tick + tick;
    return Math.max(rounded, tick);
  }
}
