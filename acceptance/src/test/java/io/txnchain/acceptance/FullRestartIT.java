package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.client.sdk.ChainHead;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.wire.receipt.ReceiptVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole network stopped cleanly (SIGTERM to {@code up}) and started again on the same data and
 * ports: every transaction, including a sealed work order, is still on every node with a receipt
 * that verifies; the nodes agree on the head; private state is still readable; new writes work.
 */
class FullRestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final DataWrites writes = new DataWrites("f");

  private static JsonNode ok(Cli.Run run) throws Exception {
    assertThat(run.exitCode()).as("stdout %s stderr %s", run.stdout(), run.stderr()).isZero();
    return JSON.readTree(run.stdout());
  }

  @Test
  void theWholeNetworkRestartsOnItsData() throws Exception {
    String secret = "restart-secret-" + UUID.randomUUID();
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<TxnChainClient> nodes = cluster.clients();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ids.add(nodes.get(i % 3).submit(writes.next()).txId());
      }
      Path userKey = dir.resolve("user.key");
      Cli cli0 = new Cli(cluster.url(0).toString(), userKey);
      ok(cli0.run("keys", "new", "--out", userKey.toString()));
      JsonNode sealedPut =
          ok(
              cli0.run(
                  "process",
                  "--app",
                  "kv",
                  "--seal",
                  "--input",
                  "{\"op\":\"put\",\"key\":\"s\",\"value\":\"" + secret + "\"}"));
      ids.add(sealedPut.get("workOrderId").asText());
      JsonNode publicPut =
          ok(
              new Cli(cluster.url(1).toString(), userKey)
                  .run(
                      "process",
                      "--app",
                      "kv",
                      "--input",
                      "{\"op\":\"put\",\"key\":\"p\",\"value\":7}"));
      ids.add(publicPut.get("workOrderId").asText());

      ChainHead before = cluster.awaitSameHead();
      Map<String, JsonNode> results = new LinkedHashMap<>();
      for (String id : ids) {
        results.put(id, nodes.get(0).result(id).json());
      }

      cluster.stop(Duration.ofSeconds(45));
      for (int i = 0; i < 3; i++) {
        assertThat(Files.readString(cluster.data().resolve("node-" + i).resolve("node.log")))
            .as("node-%d stopped cleanly", i)
            .contains("node-" + i + " stopped");
      }

      cluster.up();
      for (int i = 0; i < 3; i++) {
        assertThat(cluster.readyz(i)).as("node-%d /readyz", i).isEqualTo(200);
      }
      // The nodes' own transactions (header signatures, directory entries) may append blocks after
      // the restart; what must hold is that the ledger up to the old head is unchanged everywhere.
      ChainHead after = cluster.awaitSameHead();
      assertThat(after.height()).isGreaterThanOrEqualTo(before.height());
      for (TxnChainClient node : nodes) {
        JsonNode block = node.block(before.height());
        assertThat(block.path("stateRoot").asText()).isEqualTo(before.stateRoot());
        assertThat(block.path("hash").asText())
            .as("block %d on %s", before.height(), node.node())
            .isEqualTo(before.hash());
      }

      ReceiptVerifier verifier =
          new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated());
      for (TxnChainClient node : nodes) {
        for (Map.Entry<String, JsonNode> e : results.entrySet()) {
          String id = e.getKey();
          assertThat(node.result(id).json())
              .as("%s on %s", id, node.node())
              .isEqualTo(e.getValue());
          ReceiptVerifier.Result verified =
              verifier.verify(JSON.writeValueAsString(node.receiptJson(id)), Instant.now());
          assertThat(verified.valid())
              .as("receipt of %s from %s: %s", id, node.node(), verified.reason())
              .isTrue();
          assertThat(verified.height()).isEqualTo(e.getValue().get("height").asLong());
        }
      }

      // The network keys and the private state survived: the owner reads the sealed value back
      // through another node.
      JsonNode got =
          ok(
              new Cli(cluster.url(2).toString(), userKey)
                  .run(
                      "process",
                      "--app",
                      "kv",
                      "--seal",
                      "--input",
                      "{\"op\":\"get\",\"key\":\"s\"}"));
      assertThat(got.toString()).contains(secret);

      List<String> fresh = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        fresh.add(nodes.get(i % 3).submit(writes.next()).txId());
      }
      ChainHead end = cluster.awaitSameHead();
      assertThat(end.height()).isGreaterThan(before.height());
      for (TxnChainClient node : nodes) {
        for (String id : fresh) {
          assertThat(node.result(id).height()).as("%s on %s", id, node.node()).isPositive();
        }
      }
    }
  }
}
