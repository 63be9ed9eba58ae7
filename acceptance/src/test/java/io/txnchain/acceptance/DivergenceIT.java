package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.sdk.NodeEvidence;
import io.txnchain.client.sdk.TxnChainClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica that computes differently from the same log is found out through the header signatures
 * every node records on the ledger: it stops serving and says why, and the others name it. The
 * fault is real: the replica runs with a different default for the analytics app, so the same work
 * order produces a different record on it.
 */
class DivergenceIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aReplicaThatComputesADifferentBlockStopsServingAndTheOthersNameIt() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      cluster.kill9(2);
      Files.writeString(
          cluster.data().resolve("node-2").resolve("node.properties"),
          "\napps.analytics.default-k=2\n",
          StandardOpenOption.APPEND);
      cluster.restart(2);
      assertThat(cluster.awaitReadyz(2, 200, Duration.ofSeconds(60))).isNotNull();

      Path key = dir.resolve("user.key");
      Cli cli = new Cli(cluster.url(0).toString(), key);
      assertThat(cli.run("keys", "new", "--out", key.toString()).exitCode()).isZero();
      Cli.Run created =
          cli.run(
              "process", "--app", "analytics", "--input", "{\"op\":\"create\",\"dataset\":\"d\"}");
      assertThat(created.exitCode()).as(created.stderr()).isZero();
      assertThat(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(created.stdout())
                  .at("/result/k")
                  .asInt())
          .isEqualTo(3);

      assertThat(cluster.awaitReadyz(2, 503, Duration.ofSeconds(30))).isNotNull();
      JsonNode self = status(cluster.client(2)).at("/nodes/0");
      assertThat(self.path("diverged").asText()).contains("diverged from the network at height");
      Cli.Run refused =
          new Cli(cluster.url(2).toString(), key)
              .run("process", "--app", "kv", "--input", "{\"op\":\"get\",\"key\":\"a\"}");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.stderr()).contains("diverged");

      String diverged = identityKey(cluster.client(2));
      for (int i = 0; i < 2; i++) {
        assertThat(cluster.readyz(i)).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode n = status(cluster.client(i)).at("/nodes/0");
        while (!n.path("disagreeingNodes").toString().contains(diverged)
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
          n = status(cluster.client(i)).at("/nodes/0");
        }
        assertThat(n.path("disagreeingNodes").toString()).contains(diverged);
        assertThat(n.path("diverged").isNull()).isTrue();
      }
    }
  }

  private static JsonNode status(TxnChainClient client) {
    return client.call(
        "network_status", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
  }

  private static String identityKey(TxnChainClient client) {
    NodeEvidence e = client.evidence(new byte[32]);
    return org.bouncycastle.util.encoders.Hex.toHexString(e.identityKey());
  }
}
