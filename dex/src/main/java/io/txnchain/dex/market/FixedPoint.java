package io.txnchain.dex.market;

/**
 * Integer fixed-point helpers. Every amount in the DEX is a {@code long} count of a smallest unit;
 * nothing here (or anywhere in the module) uses floating point. Operations that could overflow use
 * {@code Math.*Exact} and throw {@link ArithmeticException}, which callers turn into a rejection.
 */
public final class FixedPoint {
  /** Basis points in one whole: 100% = 10,000 bps. */
  public static final long BPS = 10_000;

  private static final int MAX_DECIMALS = 18;

  private FixedPoint() {}

  /**
   * {@code floor(amount * bps / 10,000)} for {@code amount >= 0} and {@code 0 <= bps <= 10,000},
   * computed without an intermediate product that could overflow.
   */
  public static long bpsOf(long amount, long bps) {
    return (amount / BPS) * bps + (amount % BPS) * bps / BPS;
  }

  /** Whether {@code scale} is 1, 10, 100, ... 10^18. */
  public static boolean isPowerOfTen(long scale) {
    long p = 1;
    for (int i = 0; i <= MAX_DECIMALS; i++) {
      if (p == scale) {
        return true;
      }
      if (i < MAX_DECIMALS) {
        p *= 10;
      }
    }
    return false;
  }

  /**
   * Parses a non-negative decimal such as {@code "2000.5"} into units of {@code 1/scale}; {@code
   * scale} must be a power of ten. Throws {@link IllegalArgumentException} for malformed text, more
   * fractional digits than the scale holds, and {@link ArithmeticException} on overflow.
   */
  public static long parse(String text, long scale) {
    if (!isPowerOfTen(scale)) {
      throw new IllegalArgumentException("scale must be a power of ten: " + scale);
    }
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty decimal");
    }
    int dot = text.indexOf('.');
    String whole = dot < 0 ? text : text.substring(0, dot);
    String frac = dot < 0 ? "" : text.substring(dot + 1);
    if (whole.isEmpty() || (dot >= 0 && frac.isEmpty())) {
      throw new IllegalArgumentException("malformed decimal: " + text);
    }
    long wholeUnits = Math.multiplyExact(digits(whole, text), scale);
    long fracUnits = 0;
    long place = scale;
    for (int i = 0; i < frac.length(); i++) {
      place /= 10;
      int d = digit(frac.charAt(i), text);
      if (place == 0) {
        if (d != 0) {
          throw new IllegalArgumentException("too many decimals for scale " + scale + ": " + text);
        }
        continue;
      }
      fracUnits += d * place;
    }
    return Math.addExact(wholeUnits, fracUnits);
  }

  /** Formats {@code units} of {@code 1/scale} as a plain decimal without trailing zeros. */
  public static String format(long units, long scale) {
    if (!isPowerOfTen(scale)) {
      throw new IllegalArgumentException("scale must be a power of ten: " + scale);
    }
    String sign = units < 0 ? "-" : "";
    long whole = Math.absExact(units / scale);
    long frac = Math.absExact(units % scale);
    if (frac == 0) {
      return sign + whole;
    }
    StringBuilder f = new StringBuilder(Long.toString(frac));
    while (f.length() < Long.toString(scale).length() - 1) {
      f.insert(0, '0');
    }
    while (f.charAt(f.length() - 1) == '0') {
      f.setLength(f.length() - 1);
    }
    return sign + whole + "." + f;
  }

  private static long digits(String s, String text) {
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      v = Math.addExact(Math.multiplyExact(v, 10), digit(s.charAt(i), text));
    }
    return v;
  }

  private static int digit(char c, String text) {
    if (c < '0' || c > '9') {
      throw new IllegalArgumentException("malformed decimal: " + text);
    }
    return c - '0';
  }
}
