package io.txnchain.client.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void weighsEachBatchByItsTransactions() {
    // 90 transactions at 1 ms, 9 at 10 ms, 1 at 100 ms.
    long[] nanos = {10_000_000, 1_000_000, 100_000_000};
    int[] weights = {9, 90, 1};

    LatencySummary s = LatencySummary.ofBatches(nanos, weights, new boolean[] {true, true, true});

    assertThat(s.samples()).isEqualTo(100);
    assertThat(s.p50Millis()).isEqualTo(1.0);
    assertThat(s.p90Millis()).isEqualTo(1.0);
    assertThat(s.p99Millis()).isEqualTo(10.0);
    assertThat(s.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void usesTheNearestRankRoundingUp() {
    LatencySummary s =
        LatencySummary.ofBatches(
            new long[] {1_000_000, 2_000_000, 3_000_000},
            new int[] {1, 1, 1},
            new boolean[] {true, true, true});

    assertThat(s.p50Millis()).isEqualTo(2.0);
    assertThat(s.p90Millis()).isEqualTo(3.0);
  }

  @Test
  void leavesOutBatchesThatWereNeverAnswered() {
    LatencySummary s =
        LatencySummary.ofBatches(
            new long[] {2_000_000, 900_000_000}, new int[] {5, 5}, new boolean[] {true, false});

    assertThat(s.maxMillis()).isEqualTo(2.0);
    assertThat(s.samples()).isEqualTo(5);
  }

  @Test
  void isZeroWithoutSamples() {
    assertThat(LatencySummary.ofBatches(new long[0], new int[0], new boolean[0]).samples())
        .isZero();
  }
}
