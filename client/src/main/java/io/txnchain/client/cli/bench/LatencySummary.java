package io.txnchain.client.cli.bench;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Latency percentiles of transactions, where a transaction's latency is the round trip of the batch
 * that carried it; each batch therefore counts as many times as it held transactions. Percentiles
 * are nearest-rank.
 *
 * @param samples the number of transactions summarised
 */
public record LatencySummary(
    double p50Millis, double p90Millis, double p99Millis, double maxMillis, long samples) {

  /**
   * Summarises batches: {@code nanos[i]} is batch {@code i}'s round trip, {@code weights[i]} its
   * transaction count; batches with {@code include[i]} false (never answered) are left out.
   */
  public static LatencySummary ofBatches(long[] nanos, int[] weights, boolean[] include) {
    Integer[] order =
        java.util.stream.IntStream.range(0, nanos.length)
            .filter(i -> include[i] && weights[i] > 0)
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingLong(i -> nanos[i]));
    long total = 0;
    for (int i : order) {
      total += weights[i];
    }
    if (total == 0) {
      return new LatencySummary(0, 0, 0, 0, 0);
    }
    return new LatencySummary(
        millis(rank(order, nanos, weights, total, 50)),
        millis(rank(order, nanos, weights, total, 90)),
        millis(rank(order, nanos, weights, total, 99)),
        millis(nanos[order[order.length - 1]]),
        total);
  }

  private static long rank(Integer[] order, long[] nanos, int[] weights, long total, int p) {
    long target = Math.max(1, (total * p + 99) / 100);
    long seen = 0;
    for (int i : order) {
      seen += weights[i];
      if (seen >= target) {
        return nanos[i];
      }
    }
    return nanos[order[order.length - 1]];
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }
}
