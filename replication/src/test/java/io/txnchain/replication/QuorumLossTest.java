package io.txnchain.replication;

import static io.txnchain.replication.ReplicationTest.bytes;
import static io.txnchain.replication.ReplicationTest.proposeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a majority nothing is acknowledged, and the caller learns so within the timeout. */
class QuorumLossTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  @TempDir Path dir;

  @Test
  void proposalWithTwoOfThreeDownTimesOutAndIsNeverApplied() throws Exception {
    try (TestCluster cluster =
        TestCluster.start(dir, 3, c -> c.withRequestTimeout(REQUEST_TIMEOUT))) {
      String leader = cluster.awaitLeader(Duration.ofSeconds(15)).memberId();
      proposeAll(cluster, leader, "ok", 5);
      cluster.awaitConverged(cluster.ids(), 5, Duration.ofSeconds(30));

      // The leader survives: the entry reaches its log, but no majority can commit it.
      cluster.ids().stream().filter(id -> !id.equals(leader)).forEach(cluster::stop);
      long start = System.nanoTime();
      CompletableFuture<byte[]> lost = cluster.log(leader).propose(bytes("lost"));

      assertThatThrownBy(() -> lost.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ProposalException.class)
          .satisfies(
              e ->
                  assertThat(((ProposalException) e).reason())
                      .isEqualTo(ProposalException.Reason.TIMED_OUT));
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertThat(waited).isLessThan(REQUEST_TIMEOUT.plusSeconds(2));
      assertThat(cluster.applier(leader).size()).isEqualTo(5);
      assertThat(cluster.applier(leader).entries()).doesNotContain("lost");
    }
  }

  @Test
  void proposalOnAClosedLogFailsAsClosed() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 1, c -> c)) {
      RatisReplicatedLog log = cluster.log("m1");
      cluster.stop("m1");
      assertThatThrownBy(() -> log.propose(bytes("late")).join())
          .cause()
          .isInstanceOf(ProposalException.class)
          .satisfies(
              e ->
                  assertThat(((ProposalException) e).reason())
                      .isEqualTo(ProposalException.Reason.CLOSED));
    }
  }
}
