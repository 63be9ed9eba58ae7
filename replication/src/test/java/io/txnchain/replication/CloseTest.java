package io.txnchain.replication;

import static io.txnchain.replication.ReplicationTest.proposeAll;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() must not leave anything that keeps the JVM alive. */
class CloseTest {
  @TempDir Path dir;

  @Test
  void closeLeavesNoNonDaemonThreads() throws Exception {
    Set<Thread> before = nonDaemonThreads();
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c)) {
      String leader = cluster.awaitLeader(Duration.ofSeconds(15)).memberId();
      proposeAll(cluster, leader, "x", 20);
      cluster.awaitConverged(cluster.ids(), 20, Duration.ofSeconds(30));
    }
    TestCluster.await(
        Duration.ofSeconds(10),
        () -> before.containsAll(nonDaemonThreads()),
        () ->
            "threads left: "
                + nonDaemonThreads().stream()
                    .filter(t -> !before.contains(t))
                    .map(Thread::getName)
                    .collect(Collectors.joining(", ")));
  }

  @Test
  void failedStartReportsTheErrorAndLeavesNoNonDaemonThreads() throws Exception {
    // Ratis would call System.exit here (port taken); the JVM must survive to report it.
    Set<Thread> before = nonDaemonThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      RatisLogConfig config =
          RatisLogConfig.of(
              "m1", "net", Map.of("m1", "127.0.0.1:" + taken.getLocalPort()), dir.resolve("m1"));
      assertThatThrownBy(
              () -> RatisReplicatedLog.start(config, new HashChainApplier(dir.resolve("a"))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot start m1");
    }
    TestCluster.await(
        Duration.ofSeconds(10),
        () -> before.containsAll(nonDaemonThreads()),
        () -> "threads left after a failed start");
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }
}
