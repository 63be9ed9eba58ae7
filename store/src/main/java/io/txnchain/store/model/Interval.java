package io.txnchain.store.model;

import java.util.Optional;

/** The candle intervals the store keeps. */
public enum Interval {
  M1("1m", 60_000L),
  M5("5m", 300_000L),
  H1("1h", 3_600_000L),
  D1("1d", 86_400_000L);

  private final String code;
  private final long millis;

  Interval(String code, long millis) {
    this.code = code;
    this.millis = millis;
  }

  /** The name used in APIs and storage: {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}. */
  public String code() {
    return code;
  }

  public long millis() {
    return millis;
  }

  /** The start of the interval that holds {@code timeMillis}. */
  public long openTime(long timeMillis) {
    return Math.floorDiv(timeMillis, millis) * millis;
  }

  public static Optional<Interval> of(String code) {
    for (Interval i : values()) {
      if (i.code.equals(code)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
