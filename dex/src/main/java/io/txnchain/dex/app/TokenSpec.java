package io.txnchain.dex.app;

import io.txnchain.dex.market.FixedPoint;

/**
 * A token the DEX holds balances in: its symbol and how many decimals its smallest unit has (USDC
 * 6, ETH and BTC 8 in the development network). Amounts in requests are decimal strings with at
 * most that many decimals.
 *
 * @param symbol upper-case letters and digits, as in market symbols
 * @param decimals 0..18
 */
public record TokenSpec(String symbol, int decimals) {
  /** Validates the decimals; the symbol is checked where markets name it. */
  public TokenSpec {
    if (symbol == null || symbol.isEmpty()) {
      throw new IllegalArgumentException("token symbol must be set");
    }
    if (decimals < 0 || decimals > 18) {
      throw new IllegalArgumentException("token decimals must be 0..18");
    }
  }

  /** Smallest units per whole token: {@code 10^decimals}. */
  public long scale() {
    long s = 1;
    for (int i = 0; i < decimals; i++) {
      s *= 10;
    }
    return s;
  }

  /** Whether {@code scale} is this token's scale. */
  boolean hasScale(long scale) {
    return FixedPoint.isPowerOfTen(scale) && scale == scale();
  }
}
