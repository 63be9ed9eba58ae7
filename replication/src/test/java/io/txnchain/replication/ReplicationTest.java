package io.txnchain.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.ledger.replication.ReplicatedLog.MemberStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real members replicating: ordering, leader failover and restart. */
class ReplicationTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final Duration ELECTION = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void appliesProposalsFromEveryMemberInOneOrderEverywhere() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c)) {
      List<String> ids = cluster.ids();
      List<CompletableFuture<byte[]>> replies = new ArrayList<>();
      Set<String> proposed = new HashSet<>();
      for (int i = 0; i < 1_000; i++) {
        String id = ids.get(i % 3);
        String entry = id + "-" + i;
        proposed.add(entry);
        replies.add(cluster.log(id).propose(bytes(entry)));
      }
      CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      cluster.awaitConverged(ids, 1_000, CONVERGE);

      List<String> order = cluster.applier("m1").entries();
      assertThat(new HashSet<>(order)).isEqualTo(proposed);
      for (String id : ids) {
        assertThat(cluster.applier(id).entries()).isEqualTo(order);
        assertThat(cluster.applier(id).problems()).isEmpty();
        // Each member's client keeps its own proposals in the order it made them.
        List<String> own = order.stream().filter(e -> e.startsWith(id + "-")).toList();
        assertThat(own)
            .isSortedAccordingTo(
                (a, b) ->
                    Integer.compare(
                        Integer.parseInt(a.substring(a.indexOf('-') + 1)),
                        Integer.parseInt(b.substring(b.indexOf('-') + 1))));
      }
      // The reply is what the applier returned: the running hash, distinct for every entry.
      Set<String> distinct = new HashSet<>();
      for (CompletableFuture<byte[]> reply : replies) {
        assertThat(reply.join()).hasSize(32);
        distinct.add(new String(reply.join(), StandardCharsets.ISO_8859_1));
      }
      assertThat(distinct).hasSize(1_000);

      RatisReplicatedLog leader = cluster.awaitLeader(ELECTION);
      List<MemberStatus> members = cluster.log("m1").members();
      assertThat(members).extracting(MemberStatus::id).containsExactly("m1", "m2", "m3");
      assertThat(members)
          .filteredOn(m -> m.role().equals("LEADER"))
          .extracting(MemberStatus::id)
          .containsExactly(leader.memberId());
      assertThat(cluster.log("m2").leaderId()).isEqualTo(leader.memberId());
    }
  }

  @Test
  void electsANewLeaderWhenTheLeaderStopsAndKeepsAccepting() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c)) {
      proposeAll(cluster, "m1", "before", 10);
      cluster.awaitConverged(cluster.ids(), 10, CONVERGE);
      String old = cluster.awaitLeader(ELECTION).memberId();

      long stopped = System.nanoTime();
      cluster.stop(old);
      RatisReplicatedLog next = cluster.awaitLeader(ELECTION);
      Duration failover = Duration.ofNanos(System.nanoTime() - stopped);
      System.out.printf(
          "failover from %s to %s took %d ms%n", old, next.memberId(), failover.toMillis());

      assertThat(next.memberId()).isNotEqualTo(old);
      List<String> survivors = List.copyOf(cluster.runningIds());
      for (String id : survivors) {
        proposeAll(cluster, id, "after", 50);
      }
      cluster.awaitConverged(survivors, 110, CONVERGE);
      assertThat(cluster.applier(survivors.get(0)).entries())
          .isEqualTo(cluster.applier(survivors.get(1)).entries());
    }
  }

  @Test
  void restartedMemberCatchesUpWithoutApplyingAnythingTwice() throws Exception {
    // Snapshots every 40 entries: the restarted member's latest snapshot is older than what its
    // applier holds, so Ratis replays entries the applier already has. Segments stay large, so
    // nothing is purged and it catches up from the log.
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c.withSnapshots(40, 2))) {
      proposeAll(cluster, "m1", "first", 100);
      cluster.awaitConverged(cluster.ids(), 100, CONVERGE);
      String leader = cluster.awaitLeader(ELECTION).memberId();
      String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().get();

      cluster.stop(follower);
      proposeAll(cluster, leader, "while-down", 200);
      cluster.start(follower);
      cluster.awaitConverged(cluster.ids(), 300, CONVERGE);

      HashChainApplier restarted = cluster.applier(follower);
      assertThat(restarted.loadedIndex()).isPositive();
      assertThat(Files.list(cluster.raftDir(follower).resolve("sm")))
          .anyMatch(p -> p.getFileName().toString().startsWith("snapshot."));
      // Ratis replays its whole log on start; only the 200 new entries reach the applier.
      assertThat(restarted.applyCalls()).isEqualTo(200);
      assertThat(restarted.problems()).isEmpty();
      assertThat(restarted.installs()).isZero();
      assertThat(restarted.entries()).isEqualTo(cluster.applier(leader).entries());
    }
  }

  static void proposeAll(TestCluster cluster, String id, String prefix, int count)
      throws Exception {
    List<CompletableFuture<byte[]>> replies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      replies.add(cluster.log(id).propose(bytes(prefix + "-" + id + "-" + i)));
    }
    CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
