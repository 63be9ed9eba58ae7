package io.txnchain.dex.app;

import io.txnchain.dex.engine.RejectReason;
import io.txnchain.dex.market.FixedPoint;
import io.txnchain.tee.app.AppRejectedException;

/**
 * Decimal strings to and from a token's smallest units, exactly: {@code "10000"} USDC is {@code
 * 10_000_000_000} units, {@code "0.5"} ETH is {@code 50_000_000}.
 */
final class Amounts {
  private Amounts() {}

  /**
   * Parses a positive decimal of at most {@code token.decimals()} fractional digits: ASCII digits,
   * optionally a point and more digits; no sign, exponent or spaces. More decimals than the token
   * has are refused rather than rounded, even when they are zeros.
   */
  static long parse(String text, TokenSpec token, String field) throws AppRejectedException {
    int dot = text.indexOf('.');
    int wholeDigits = dot < 0 ? text.length() : dot;
    int fractionDigits = dot < 0 ? 0 : text.length() - dot - 1;
    if (wholeDigits == 0 || (dot >= 0 && fractionDigits == 0) || !digitsAround(text, dot)) {
      throw DexJson.invalid(
          "field '" + field + "' must be a decimal string such as \"10000\" or \"0.5\"");
    }
    if (fractionDigits > token.decimals()) {
      throw new AppRejectedException(
          RejectReason.INVALID_AMOUNT.wireName(),
          "field '"
              + field
              + "' has more decimals than "
              + token.symbol()
              + "'s "
              + token.decimals());
    }
    long units;
    try {
      units = FixedPoint.parse(text, token.scale());
    } catch (ArithmeticException e) {
      throw new AppRejectedException(
          RejectReason.OVERFLOW.wireName(), "field '" + field + "' is too large");
    }
    if (units <= 0) {
      throw new AppRejectedException(
          RejectReason.INVALID_AMOUNT.wireName(), "field '" + field + "' must be positive");
    }
    return units;
  }

  private static boolean digitsAround(String text, int dot) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (i != dot && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /** {@code units} of {@code 1/scale} as a plain decimal without trailing zeros. */
  static String format(long units, long scale) {
    return FixedPoint.format(units, scale);
  }
}
