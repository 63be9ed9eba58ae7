package io.txnchain.node.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a client address or an account): {@code perSecond} tokens a second up to
 * {@code burst}. Tokens are counted in millionths so that no floating point is needed. The map is
 * bounded: idle buckets (full again) are dropped when it grows past {@code maxKeys}.
 */
final class RateLimiter {
  private static final long UNIT = 1_000_000L;

  private final long perSecond;
  private final long burst;
  private final int maxKeys;
  private final ConcurrentHashMap<String, long[]> buckets = new ConcurrentHashMap<>();

  RateLimiter(long perSecond, long burst, int maxKeys) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxKeys = maxKeys;
  }

  long perSecond() {
    return perSecond;
  }

  long burst() {
    return burst;
  }

  /** How many keys have a bucket now (bounded by pruning). */
  int keys() {
    return buckets.size();
  }

  /** Takes one token for {@code key}; returns 0 when granted, else the seconds to wait. */
  long acquire(String key, long nowNanos) {
    if (buckets.size() > maxKeys) {
      prune(nowNanos);
    }
    long[] wait = new long[1];
    buckets.compute(
        key,
        (k, b) -> {
          // b[0] = tokens (in millionths), b[1] = time of the last refill
          if (b == null) {
            b = new long[] {burst * UNIT, nowNanos};
          }
          long elapsed = Math.max(0, nowNanos - b[1]);
          long refill = Math.min(burst * UNIT, elapsed / 1_000L * perSecond);
          b[0] = Math.min(burst * UNIT, b[0] + refill);
          b[1] = nowNanos;
          if (b[0] >= UNIT) {
            b[0] -= UNIT;
          } else {
            long missing = UNIT - b[0];
            long micros = (missing + perSecond - 1) / perSecond;
            wait[0] = Math.max(1, (micros + 999_999) / 1_000_000);
          }
          return b;
        });
    return wait[0];
  }

  private void prune(long nowNanos) {
    buckets
        .entrySet()
        .removeIf(
            e -> {
              long[] b = e.getValue();
              synchronized (b) {
                return b[0] + Math.max(0, nowNanos - b[1]) / 1_000L * perSecond >= burst * UNIT;
              }
            });
  }
}
