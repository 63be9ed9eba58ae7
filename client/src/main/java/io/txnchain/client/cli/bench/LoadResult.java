package io.txnchain.client.cli.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What a load run measured.
 *
 * @param accepted transactions the node recorded
 * @param errors transactions refused or never answered
 * @param errorsByCode error counts by {@code "CODE NAME"}, or {@code UNREACHABLE} for batches that
 *     never reached the node
 * @param errorExamples the first message seen for each key of {@code errorsByCode}
 * @param elapsed from the first request sent to the last answer
 * @param latency per-transaction latency (its batch's round trip)
 */
public record LoadResult(
    long accepted,
    long errors,
    Map<String, Long> errorsByCode,
    Map<String, String> errorExamples,
    Duration elapsed,
    LatencySummary latency) {

  /** Sustained throughput of accepted transactions. */
  public double txPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : accepted / seconds;
  }

  /** True when nothing reached the node at all. */
  public boolean unreachable() {
    return accepted == 0
        && errorsByCode.keySet().stream().allMatch(LoadGenerator.UNREACHABLE::equals)
        && !errorsByCode.isEmpty();
  }
}
