package io.txnchain.replication;

import static io.txnchain.replication.ReplicationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.ledger.replication.ReplicatedLog.MemberStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member whose applier fails stops there instead of skipping the entry. */
class ApplyFailureTest {
  @TempDir Path dir;

  @Test
  void memberStopsAtTheEntryItCouldNotApplyWhileTheOthersGoOn() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c)) {
      String leader = cluster.awaitLeader(Duration.ofSeconds(15)).memberId();
      String failing = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().get();
      cluster.applier(failing).failOn("poison");

      for (String entry : List.of("a", "poison", "b", "c")) {
        cluster.log(leader).propose(bytes(entry)).get(30, TimeUnit.SECONDS);
      }
      List<String> healthy = cluster.ids().stream().filter(id -> !id.equals(failing)).toList();
      cluster.awaitConverged(healthy, 4, Duration.ofSeconds(30));

      TestCluster.await(
          Duration.ofSeconds(15),
          () -> role(cluster.log(failing).members(), failing).equals("STOPPED"),
          () -> "member " + failing + " to report STOPPED: " + cluster.log(failing).members());
      assertThat(cluster.applier(failing).entries()).containsExactly("a");
      assertThat(cluster.applier(failing).problems()).isEmpty();
    }
  }

  private static String role(List<MemberStatus> members, String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().role();
  }
}
