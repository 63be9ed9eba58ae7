package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes: once every node's co-signature over a block has reached the ledger, a
 * receipt for a transaction in it, fetched from any node, carries three signatures by three
 * distinct enclaves with their evidence, and {@code txnchain verify --min-signatures 3} accepts it;
 * a single changed byte in one co-signature or one evidence makes it fail.
 */
class CoSignatureIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aReceiptCarriesEveryNodesSignatureAndVerifiesOfflineWithAllThree() throws Exception {
    Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<TxnChainClient> nodes = cluster.clients();
      Transaction tx =
          Transactions.data(
              LocalCluster.CHAIN,
              "cosign-1",
              "co-signed".getBytes(StandardCharsets.UTF_8),
              false,
              key);
      String id = LocalCluster.submit(nodes, tx);

      List<String> identities = new ArrayList<>();
      for (TxnChainClient n : nodes) {
        identities.add(Hex.toHexString(n.evidence(null).identityKey()));
      }
      assertThat(new TreeSet<>(identities)).hasSize(3);

      // The co-signatures land as witness blocks after the transaction's block; the head keeps
      // moving meanwhile, so wait for the receipt itself, not for a height.
      List<JsonNode> receipts = new ArrayList<>();
      for (TxnChainClient n : nodes) {
        receipts.add(awaitSignatures(n, id, 3));
      }
      for (int i = 0; i < 3; i++) {
        JsonNode r = receipts.get(i);
        Set<String> signers = new TreeSet<>();
        r.path("signatures").forEach(s -> signers.add(s.path("enclaveKey").asText()));
        assertThat(signers).containsExactlyInAnyOrderElementsOf(identities);
        assertThat(r.path("signatures").get(0).path("enclaveKey").asText())
            .as("node-%d serves its own signature first", i)
            .isEqualTo(identities.get(i));
        Set<String> withEvidence = new TreeSet<>();
        r.path("evidence").forEach(e -> withEvidence.add(e.path("identityKey").asText()));
        assertThat(withEvidence).isEqualTo(signers);
        // Every node serves the same co-signatures and evidence for the block.
        assertThat(sortedBy(r.path("signatures"), "enclaveKey"))
            .isEqualTo(sortedBy(receipts.get(0).path("signatures"), "enclaveKey"));
      }

      // chain_getBlock lists the same signers for the block, the serving node's own first.
      long height = receipts.get(0).at("/header/height").asLong();
      for (int i = 0; i < 3; i++) {
        JsonNode block = nodes.get(i).block(height);
        assertThat(sortedBy(block.path("signatures"), "enclaveKey"))
            .isEqualTo(sortedBy(receipts.get(0).path("signatures"), "enclaveKey"));
        assertThat(block.path("signatures").get(0).path("enclaveKey").asText())
            .isEqualTo(identities.get(i));
      }

      Cli cli = new Cli(cluster.url(1).toString(), dir.resolve("unused.key"));
      ObjectNode receipt = (ObjectNode) receipts.get(1);
      Cli.Run ok = verify(cli, receipt, "--min-signatures", "3");
      assertThat(ok.exitCode()).as(ok.toString()).isZero();
      JsonNode okJson = JSON.readTree(ok.stdout());
      assertThat(okJson.path("valid").asBoolean()).isTrue();
      assertThat(okJson.path("signers")).hasSize(3);

      assertThat(refusal(cli, receipt, "4"))
          .contains("signed by 3 distinct enclave(s)")
          .contains("at least 4");
      assertThat(
              refusal(
                  cli,
                  edited(receipt, r -> flip((ObjectNode) r.path("signatures").get(2), "signature")),
                  "3"))
          .contains("does not verify");
      assertThat(
              refusal(
                  cli,
                  edited(receipt, r -> flip((ObjectNode) r.path("evidence").get(1), "data")),
                  "3"))
          .contains("evidence of enclave");
    }
  }

  /** Polls a node for the receipt until it carries {@code count} signatures, with a deadline. */
  private static JsonNode awaitSignatures(TxnChainClient node, String id, int count)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = node.receiptJson(id);
        if (last.path("signatures").size() >= count) {
          return last;
        }
      } catch (RuntimeException e) {
        // Not on this node yet.
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        node.node() + " never served " + count + " signatures for " + id + ": " + last);
  }

  private static List<String> sortedBy(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText() + "=" + n.toString()));
    out.sort(null);
    return out;
  }

  private static ObjectNode edited(ObjectNode receipt, Consumer<ObjectNode> edit) {
    ObjectNode copy = receipt.deepCopy();
    edit.accept(copy);
    return copy;
  }

  /** Changes one byte (the middle one) of a hex field. */
  private static void flip(ObjectNode node, String field) {
    byte[] b = Hex.decode(node.path(field).asText());
    b[b.length / 2] ^= 1;
    node.put(field, Hex.toHexString(b));
  }

  /** {@code verify --min-signatures N} refuses the receipt (exit 1); its reason. */
  private String refusal(Cli cli, ObjectNode receipt, String minSignatures) throws Exception {
    Cli.Run run = verify(cli, receipt, "--min-signatures", minSignatures);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    return JSON.readTree(run.stdout()).path("reason").asText();
  }

  private Cli.Run verify(Cli cli, ObjectNode receipt, String... extra) throws Exception {
    Path file = Files.createTempFile(dir, "receipt", ".json");
    Files.writeString(file, receipt.toPrettyString());
    List<String> args = new ArrayList<>(List.of("verify", file.toString(), "--allow-simulated"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }
}
