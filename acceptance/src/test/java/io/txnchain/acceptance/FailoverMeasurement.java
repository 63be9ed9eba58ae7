package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.crypto.Secp256k1KeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurements for BENCHMARKS.md (not a test: Failsafe runs it only when named, {@code
 * -Dit.test=FailoverMeasurement}): time to elect a new leader after the leader is killed, and
 * catch-up time of a node that missed 100,000 transactions. Results go to stdout and to {@code
 * acceptance/target/failover-measurement.txt}.
 */
class FailoverMeasurement {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = Integer.getInteger("rounds", 5);
  private static final int MISSED = Integer.getInteger("missed", 100_000);
  @TempDir Path dir;

  @Test
  void electionAndCatchUp() throws Exception {
    StringBuilder report = new StringBuilder();
    Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      for (int round = 1; round <= ROUNDS; round++) {
        int leader = cluster.leader(0);
        int observer = (leader + 1) % 3;
        long killed = System.nanoTime();
        cluster.kill9(leader);
        long elected = 0;
        while (elected == 0) {
          try {
            String now =
                cluster
                    .client(observer, Duration.ofSeconds(1))
                    .call("network_status", JSON.createObjectNode())
                    .path("leader")
                    .asText();
            if (now.startsWith("node-") && !now.equals("node-" + leader)) {
              elected = System.nanoTime();
            }
          } catch (RuntimeException e) {
            // Not answering while it campaigns: poll again.
          }
          Thread.sleep(5);
        }
        List<TxnChainClient> survivors = new ArrayList<>(cluster.clients());
        survivors.remove(leader);
        LocalCluster.submit(
            survivors,
            Transactions.data(
                LocalCluster.CHAIN,
                "failover-" + round,
                ("round " + round).getBytes(StandardCharsets.UTF_8),
                false,
                key));
        long written = System.nanoTime();
        System.out.printf("election round %d: %d ms%n", round, (elected - killed) / 1_000_000);
        report.append(
            String.format(
                "election round %d: new leader after %d ms, first write acknowledged after %d ms%n",
                round, (elected - killed) / 1_000_000, (written - killed) / 1_000_000));
        cluster.restart(leader);
        cluster.awaitReadyz(leader, 200, Duration.ofSeconds(60));
        cluster.awaitSameHead();
      }

      int leader = cluster.leader(0);
      int lagging = (leader + 1) % 3;
      cluster.kill9(lagging);
      Path userKey = dir.resolve("bench.key");
      Cli cli = new Cli(cluster.url(leader).toString(), userKey);
      Cli.Run bench =
          cli.run(
              "bench",
              "submit",
              "--count",
              Integer.toString(MISSED),
              "--concurrency",
              "8",
              "--batch",
              "200",
              "--json");
      assertThat(bench.exitCode()).as(bench.stderr()).isZero();
      JsonNode b = JSON.readTree(bench.stdout());
      long target = cluster.client(leader).head().height();
      long restarted = System.nanoTime();
      cluster.restart(lagging);
      Duration ready = cluster.awaitReadyz(lagging, 200, Duration.ofSeconds(120));
      long caughtUp = 0;
      while (caughtUp == 0) {
        try {
          if (cluster.client(lagging, Duration.ofSeconds(2)).head().height() >= target) {
            caughtUp = System.nanoTime();
          }
        } catch (RuntimeException e) {
          // Still starting.
        }
        Thread.sleep(20);
      }
      boolean snapshot = installedSnapshot(dir);
      report.append(
          String.format(
              "catch-up: %d transactions missed (%s tx/s while one node was down), height %d;"
                  + " restarted node ready after %d ms, at the leader's height after %d ms (%s)%n",
              MISSED,
              b.path("txPerSecond").asText(b.toString()),
              target,
              ready.toMillis(),
              (caughtUp - restarted) / 1_000_000,
              snapshot ? "by snapshot install" : "by log replay"));
    }
    System.out.print(report);
    Files.writeString(Path.of("target", "failover-measurement.txt"), report.toString());
  }

  private static boolean installedSnapshot(Path dir) throws Exception {
    try (var logs = Files.walk(dir)) {
      for (Path p :
          logs.filter(
                  f ->
                      f.getFileName().toString().equals("node.log")
                          || f.getFileName().toString().endsWith("-restarted.log"))
              .toList()) {
        if (Files.readString(p, StandardCharsets.ISO_8859_1).contains("installed a snapshot")) {
          return true;
        }
      }
    }
    return false;
  }
}
