package io.txnchain.dex.market;

/**
 * Fees charged on each fill, in the quote token, into the market's fee account: a proportional part
 * in basis points of the fill's notional (rounded down) plus a fixed amount per lot filled.
 *
 * @param makerBps maker fee in basis points, 0..10,000
 * @param takerBps taker fee in basis points, 0..10,000
 * @param makerPerLot fixed maker fee per lot filled, in quote units, &ge; 0
 * @param takerPerLot fixed taker fee per lot filled, in quote units, &ge; 0
 */
public record FeeSchedule(long makerBps, long takerBps, long makerPerLot, long takerPerLot) {
  /** No fees at all. */
  public static final FeeSchedule FREE = new FeeSchedule(0, 0, 0, 0);

  /** Validates the ranges. */
  public FeeSchedule {
    if (makerBps < 0 || makerBps > FixedPoint.BPS || takerBps < 0 || takerBps > FixedPoint.BPS) {
      throw new IllegalArgumentException("fee bps must be in 0..10000");
    }
    if (makerPerLot < 0 || takerPerLot < 0) {
      throw new IllegalArgumentException("fixed fees per lot must be >= 0");
    }
  }

  /** Proportional fees only. */
  public static FeeSchedule bps(long makerBps, long takerBps) {
    return new FeeSchedule(makerBps, takerBps, 0, 0);
  }

  /** The larger of the two proportional rates: what a buy order locks for. */
  public long maxBps() {
    return Math.max(makerBps, takerBps);
  }

  /** The larger of the two fixed rates: what a buy order locks for. */
  public long maxPerLot() {
    return Math.max(makerPerLot, takerPerLot);
  }

  /** The maker fee for a fill of {@code notional} quote units and {@code lots} lots. */
  public long makerFee(long notional, long lots) {
    return Math.addExact(
        FixedPoint.bpsOf(notional, makerBps), Math.multiplyExact(lots, makerPerLot));
  }

  /** The taker fee for a fill of {@code notional} quote units and {@code lots} lots. */
  public long takerFee(long notional, long lots) {
    return Math.addExact(
        FixedPoint.bpsOf(notional, takerBps), Math.multiplyExact(lots, takerPerLot));
  }

  /** The most either role can be charged for such a fill: the amount a buy order locks for fees. */
  /**
   * Whether no fill charged under this schedule can cost more than what an order locked under
   * {@code cap}: buy orders lock for the cap's larger rates.
   */
  public boolean fitsUnder(FeeSchedule cap) {
    return maxBps() <= cap.maxBps() && maxPerLot() <= cap.maxPerLot();
  }

  public long maxFee(long notional, long lots) {
    return Math.addExact(
        FixedPoint.bpsOf(notional, maxBps()), Math.multiplyExact(lots, maxPerLot()));
  }
}
