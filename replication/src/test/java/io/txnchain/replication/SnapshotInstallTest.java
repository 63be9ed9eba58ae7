package io.txnchain.replication;

import static io.txnchain.replication.ReplicationTest.proposeAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member that missed more than the leader still has in its log catches up from a snapshot. */
class SnapshotInstallTest {
  private static final Duration CONVERGE = Duration.ofSeconds(40);
  private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

  @TempDir Path dir;

  @Test
  void laggingMemberInstallsTheLeadersSnapshotAfterTheLogWasPurged() throws Exception {
    // Small segments and frequent snapshots, so that the log is purged within a few hundred
    // entries.
    try (TestCluster cluster =
        TestCluster.start(dir, 3, c -> c.withSnapshots(50, 2).withLogSegmentBytes(4096))) {
      String leader = cluster.awaitLeader(Duration.ofSeconds(15)).memberId();
      proposeAll(cluster, leader, "early", 20);
      cluster.awaitConverged(cluster.ids(), 20, CONVERGE);
      String lagging = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().get();
      long laggingIndex = cluster.applier(lagging).lastAppliedIndex();

      cluster.stop(lagging);
      for (int round = 0; round < 6; round++) {
        proposeAll(cluster, leader, "missed" + round, 100);
      }
      String current = cluster.awaitLeader(Duration.ofSeconds(15)).memberId();
      assertThat(cluster.applier(current).snapshotsWritten()).isPositive();
      // The entries right after the lagging member's last one are gone from the leader's log.
      TestCluster.await(
          CONVERGE,
          () -> firstLogIndex(cluster.raftDir(current)) > laggingIndex + 1,
          () -> "purge of " + cluster.raftDir(current));
      // Retention: the newest snapshot is written before the old ones are removed.
      TestCluster.await(
          CONVERGE,
          () -> snapshotDirs(cluster.raftDir(current)) == 2,
          () -> "two retained snapshots in " + cluster.raftDir(current));

      cluster.start(lagging);
      cluster.awaitConverged(cluster.ids(), 620, CONVERGE);

      HashChainApplier caughtUp = cluster.applier(lagging);
      assertThat(caughtUp.installs()).isPositive();
      assertThat(caughtUp.problems()).isEmpty();
      assertThat(caughtUp.entries()).isEqualTo(cluster.applier(current).entries());
      assertThat(caughtUp.hashHex()).isEqualTo(cluster.applier(current).hashHex());

      // It goes on as a normal member after the install.
      proposeAll(cluster, lagging, "after", 30);
      cluster.awaitConverged(cluster.ids(), 650, CONVERGE);
    }
  }

  private static long firstLogIndex(Path raftDir) {
    try (Stream<Path> files = Files.list(raftDir.resolve("current"))) {
      return files
          .map(p -> SEGMENT.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToLong(m -> Long.parseLong(m.group(1)))
          .min()
          .orElse(Long.MAX_VALUE);
    } catch (IOException e) {
      return -1;
    }
  }

  private static long snapshotDirs(Path raftDir) {
    try (Stream<Path> files = Files.list(raftDir.resolve("sm"))) {
      return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
    } catch (IOException e) {
      return -1;
    }
  }
}
