package io.txnchain.dex.market;

/**
 * A market's parameters. All values are {@code long} fixed-point counts of smallest units:
 *
 * <ul>
 *   <li>a quantity is a count of base-token units; {@code quantityScale} of them make one whole
 *       base token (e.g. 10^8 for ETH with 8 decimals);
 *   <li>a price is the number of quote-token units paid for one whole base token, so {@code
 *       priceScale} (quote units per whole quote token, e.g. 10^6 for USDC) only matters for
 *       display: price {@code 2_000_500_000} with scale 10^6 reads "2000.5";
 *   <li>the notional of a fill, in quote units, is {@code price * quantity / quantityScale}. It is
 *       exact because prices are multiples of {@code tickSize}, quantities multiples of {@code
 *       lotSize}, and the spec requires {@code tickSize * lotSize} to be a multiple of {@code
 *       quantityScale}: one tick times one lot is a whole number of quote units.
 * </ul>
 *
 * @param symbol {@code BASE-QUOTE}, e.g. {@code ETH-USDC}
 * @param baseToken the traded token
 * @param quoteToken the token prices are expressed in and fees are paid in
 * @param priceScale quote units per whole quote token (a power of ten, display only)
 * @param quantityScale base units per whole base token (a power of ten)
 * @param tickSize prices must be positive multiples of this
 * @param lotSize quantities must be positive multiples of this
 * @param minNotional the smallest order notional accepted, in quote units
 * @param priceBandBps how far (in bps of the reference price) a market order may trade away
 * @param fees the fee schedule
 * @param feeAccount the account fees are credited to
 */
public record MarketSpec(
    String symbol,
    String baseToken,
    String quoteToken,
    long priceScale,
    long quantityScale,
    long tickSize,
    long lotSize,
    long minNotional,
    long priceBandBps,
    FeeSchedule fees,
    long feeAccount) {

  /** Longest token name accepted. */
  public static final int MAX_TOKEN_LENGTH = 16;

  /** Validates the parameters; throws {@link IllegalArgumentException} when they are unusable. */
  public MarketSpec {
    requireToken(baseToken);
    requireToken(quoteToken);
    if (baseToken.equals(quoteToken)) {
      throw new IllegalArgumentException("base and quote token must differ");
    }
    if (symbol == null || !symbol.equals(baseToken + "-" + quoteToken)) {
      throw new IllegalArgumentException("symbol must be BASE-QUOTE: " + symbol);
    }
    if (!FixedPoint.isPowerOfTen(priceScale) || !FixedPoint.isPowerOfTen(quantityScale)) {
      throw new IllegalArgumentException("price and quantity scales must be powers of ten");
    }
    if (tickSize <= 0 || lotSize <= 0) {
      throw new IllegalArgumentException("tick and lot size must be positive");
    }
    long tickLot;
    try {
      tickLot = Math.multiplyExact(tickSize, lotSize);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("tickSize * lotSize overflows", e);
    }
    if (tickLot % quantityScale != 0) {
      throw new IllegalArgumentException(
          "tickSize * lotSize must be a multiple of quantityScale (one tick times one lot must be"
              + " a whole number of quote units)");
    }
    if (minNotional < 0) {
      throw new IllegalArgumentException("minNotional must be >= 0");
    }
    if (priceBandBps <= 0 || priceBandBps > FixedPoint.BPS) {
      throw new IllegalArgumentException("priceBandBps must be in 1..10000");
    }
    if (fees == null) {
      throw new IllegalArgumentException("fees must be set");
    }
  }

  private static void requireToken(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw new IllegalArgumentException("token must be 1.." + MAX_TOKEN_LENGTH + " characters");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        throw new IllegalArgumentException("token must be upper-case letters and digits: " + token);
      }
    }
  }

  /** Quote units for one tick times one lot: the granularity of every notional. */
  public long quotePerTickLot() {
    return tickSize * lotSize / quantityScale;
  }

  /** The arithmetic of this market, with its derived constants computed once. */
  public Pricing pricing() {
    return new Pricing(this, fees);
  }
}
