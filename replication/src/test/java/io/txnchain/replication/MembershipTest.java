package io.txnchain.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.ledger.replication.ReplicatedLog.MemberStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration changes on real members: a new member catches up and votes; a removed one stops.
 */
class MembershipTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void addsAMemberThatCatchesUpAndRemovesOneThatThenGetsNothing() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c)) {
      propose(cluster, "m1", "before", 50);
      cluster.awaitConverged(List.of("m1", "m2", "m3"), 50, CONVERGE);

      // The new member starts knowing the group; the group learns of it only from the change.
      String address = cluster.reserve("m4");
      cluster.startJoining("m4");
      assertThat(cluster.log("m1").isMember("m4")).isFalse();
      assertThat(cluster.log("m1").isMember("m1")).isTrue();
      // m4 starts as a listener, outside the voting configuration even in its own view, so it
      // calls no election (a candidate the leader does not know is told to shut down, and Ratis
      // closes it for good).
      assertThat(cluster.log("m4").isMember("m4")).isFalse();
      assertThat(cluster.log("m4").healthy()).isTrue();
      cluster.log("m2").addMember("m4", address);
      assertThat(cluster.log("m1").isMember("m4")).isTrue();
      // Idempotent: adding a member twice changes nothing.
      cluster.log("m3").addMember("m4", address);

      propose(cluster, "m4", "after-add", 50);
      cluster.awaitConverged(List.of("m1", "m2", "m3", "m4"), 100, CONVERGE);
      assertThat(cluster.log("m4").isMember("m4")).isTrue();
      assertThat(cluster.log("m4").members())
          .extracting(MemberStatus::id)
          .containsExactly("m1", "m2", "m3", "m4");
      assertThat(cluster.applier("m4").entries()).isEqualTo(cluster.applier("m1").entries());

      cluster.log("m3").removeMember("m2");
      TestCluster.await(
          CONVERGE,
          () -> !cluster.log("m1").isMember("m2") && !cluster.log("m4").isMember("m2"),
          () -> "m2 still in the configuration of m1 or m4");
      int removedAt = cluster.applier("m2").size();
      // Three members left: two of them are a majority, so with m2 gone for good and m3
      // stopped, m1 and m4 still commit.
      cluster.stop("m3");
      propose(cluster, "m1", "after-remove", 20);
      cluster.awaitConverged(List.of("m1", "m4"), 120, CONVERGE);
      assertThat(cluster.applier("m2").size()).isEqualTo(removedAt).isLessThan(120);
      assertThat(cluster.log("m1").members())
          .extracting(MemberStatus::id)
          .containsExactly("m1", "m3", "m4");
      // Removing someone who is not a member is a no-op.
      cluster.log("m1").removeMember("m2");
    }
  }

  @Test
  void refusesToRemoveTheLastMember() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 1, c -> c)) {
      cluster.awaitLeader(CONVERGE);
      assertThatThrownBy(() -> cluster.log("m1").removeMember("m1"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("last member");
    }
  }

  private static void propose(TestCluster cluster, String id, String prefix, int count)
      throws Exception {
    CompletableFuture<?>[] replies = new CompletableFuture<?>[count];
    for (int i = 0; i < count; i++) {
      replies[i] = cluster.log(id).propose((prefix + "-" + i).getBytes(StandardCharsets.UTF_8));
    }
    CompletableFuture.allOf(replies).get(60, TimeUnit.SECONDS);
  }
}
