package io.txnchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.node.cli.NodeMain;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.tee.Enclave;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, test 6: the ledger secret split among three members is recovered from two of their
 * shares into a new node that reads the old private state and keeps the network's keys; one share
 * is not enough. And the shares follow the members: after a member is removed the node reissues
 * them by itself, and the removed member's old share no longer combines with the new ones.
 */
class RecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<Secp256k1KeyPair> members =
      List.of(
          Secp256k1KeyPair.generate(RANDOM),
          Secp256k1KeyPair.generate(RANDOM),
          Secp256k1KeyPair.generate(RANDOM));
  @TempDir Path dir;
  private int clientIds;

  private Path settings() throws Exception {
    Path file = dir.resolve("network.properties");
    String memberList =
        String.join(",", members.stream().map(m -> m.address().toChecksumHex()).toList());
    Files.writeString(
        file,
        String.join(
            "\n",
            NodeConfig.PORT.name() + "=0",
            NodeConfig.ALLOW_SIMULATED.name() + "=true",
            NodeConfig.GOV_MEMBERS.name() + "=" + memberList,
            ""));
    return file;
  }

  private static JsonNode call(Node node, String method, Map<String, ?> params) throws Exception {
    return Rpc.call(node.url(), method, params);
  }

  /** A work order, sealed to {@code node}'s enclave when {@code sealTo} is given. */
  private JsonNode process(Node node, Secp256k1KeyPair key, String app, String input, byte[] sealTo)
      throws Exception {
    String clientId = "c" + (++clientIds);
    byte[] payload = input.getBytes(StandardCharsets.UTF_8);
    if (sealTo != null) {
      payload =
          SealedBox.seal(
              sealTo,
              Transaction.payloadInfo(node.chainId()),
              Transaction.payloadAad(key.publicKeyCompressed(), clientId),
              payload,
              RANDOM);
    }
    Transaction tx =
        Transaction.sign(
            new Transaction.Unsigned(
                node.chainId(),
                TxKind.WORK_ORDER,
                clientId,
                app,
                new byte[0],
                sealTo != null,
                payload,
                key.replyKey().publicKey()),
            key);
    JsonNode r = call(node, "txn_process", Map.of("tx", Hex.toHexString(tx.encoded())));
    assertThat(r.has("result")).as(r.toString()).isTrue();
    return r.get("result");
  }

  private static byte[] encryptionKey(Node node) throws Exception {
    return Hex.decode(
        call(node, "node_getEvidence", Map.of()).at("/result/encryptionKey").asText());
  }

  private Path keyFile(Secp256k1KeyPair k) throws Exception {
    Path f = dir.resolve(k.address().toChecksumHex() + ".key");
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "secp256k1");
    n.put("address", k.address().toChecksumHex());
    n.put("privateKey", Hex.toHexString(k.privateKey()));
    Files.writeString(f, n.toString());
    return f;
  }

  /** {@code recover --from from --data data --config settings --key …} with these members' keys. */
  private int recover(Path from, Path data, Path settings, Secp256k1KeyPair... keys)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "recover",
                "--from",
                from.toString(),
                "--data",
                data.toString(),
                "--config",
                settings.toString()));
    for (Secp256k1KeyPair k : keys) {
      args.add("--key");
      args.add(keyFile(k).toString());
    }
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return new picocli.CommandLine(new NodeMain()).execute(args.toArray(String[]::new));
    } finally {
      System.setErr(err);
      lastError = captured.toString(StandardCharsets.UTF_8);
    }
  }

  private static String lastError = "";

  @Test
  void twoOfThreeSharesRecoverTheNetworkAndOneDoesNot() throws Exception {
    Path settings = settings();
    Path old = dir.resolve("old");
    byte[] networkKey;
    long height;
    try (Node a =
        Node.start(
            NodeConfig.load(
                settings, Map.of(), Map.of(NodeConfig.DATA_DIR.name(), old.toString())))) {
      networkKey = encryptionKey(a);
      for (Secp256k1KeyPair m : members) {
        String register =
            "{\"op\":\"set_recovery_key\",\"publicKey\":\""
                + Hex.toHexString(m.replyKey().publicKey())
                + "\"}";
        process(a, m, "gov", register, null);
      }
      JsonNode issued = call(a, "gov_issueRecoveryShares", Map.of());
      assertThat(issued.at("/result/result/threshold").asInt()).as(issued.toString()).isEqualTo(2);
      process(
          a,
          members.get(0),
          "kv",
          "{\"op\":\"put\",\"key\":\"k\",\"value\":\"secret-42\"}",
          networkKey);
    }
    byte[] oldHead;
    try (LedgerStore ledger = LedgerStore.open(old.resolve("ledger"), "txnchain-dev")) {
      height = ledger.head().height();
      oldHead = ledger.head().hash();
    }

    Path oneShare = dir.resolve("one");
    assertThat(recover(old, oneShare, settings, members.get(2))).isEqualTo(1);
    assertThat(lastError).contains("2 members' shares are needed", "1 given");
    assertThat(Files.exists(oneShare.resolve("enclave"))).isFalse();

    Path recovered = dir.resolve("recovered");
    assertThat(recover(old, recovered, settings, members.get(0), members.get(2)))
        .as(lastError)
        .isZero();

    try (Node b =
        Node.start(NodeConfig.load(recovered.resolve("node.properties"), Map.of(), Map.of()))) {
      assertThat(b.store().head().height()).isEqualTo(height);
      assertThat(b.store().head().hash()).isEqualTo(oldHead);
      assertThat(encryptionKey(b)).isEqualTo(networkKey);
      JsonNode got = process(b, members.get(0), "kv", "{\"op\":\"get\",\"key\":\"k\"}", networkKey);
      byte[] opened =
          SealedBox.open(
              members.get(0).replyKey(),
              Transaction.resultInfo(b.chainId()),
              got.get("workOrderId").asText().getBytes(StandardCharsets.US_ASCII),
              Hex.decode(got.get("sealedResult").asText()));
      assertThat(JSON.readTree(opened).get("value").asText()).isEqualTo("secret-42");
    }
  }

  private void registerRecoveryKeys(Node node) throws Exception {
    for (Secp256k1KeyPair m : members) {
      String register =
          "{\"op\":\"set_recovery_key\",\"publicKey\":\""
              + Hex.toHexString(m.replyKey().publicKey())
              + "\"}";
      process(node, m, "gov", register, null);
    }
  }

  /** Polls {@code gov_list} until the recorded shares are current and this many. */
  private static JsonNode awaitCurrentShares(Node node, int shares) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode recovery = null;
    while (System.nanoTime() < deadline) {
      recovery = call(node, "gov_list", Map.of()).at("/result/recovery");
      if (recovery.path("issued").asBoolean()
          && !recovery.path("stale").asBoolean()
          && recovery.path("shares").asInt() == shares) {
        return recovery;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("shares not reissued in time; last gov_list recovery: " + recovery);
  }

  /** The member's share of a recorded set, opened with the member's key. */
  private static byte[] openShare(JsonNode set, Secp256k1KeyPair member) throws Exception {
    for (JsonNode s : set.get("shares")) {
      if (s.get("member").asText().equals(member.address().toChecksumHex())) {
        X25519KeyPair reply = member.replyKey();
        return SealedBox.open(
            reply,
            Enclave.RECOVERY_SHARE_INFO,
            reply.publicKey(),
            Hex.decode(s.get("sealed").asText()));
      }
    }
    throw new AssertionError(member.address() + " holds no share in " + set);
  }

  @Test
  void afterAMemberIsRemovedTheSharesAreReissuedAndTheOldShareNoLongerCounts() throws Exception {
    Secp256k1KeyPair alice = members.get(0);
    Secp256k1KeyPair bob = members.get(1);
    Secp256k1KeyPair carol = members.get(2);
    Path settings = settings();
    Path old = dir.resolve("old");
    byte[] networkKey;
    JsonNode before;
    JsonNode after;
    try (Node a =
        Node.start(
            NodeConfig.load(
                settings, Map.of(), Map.of(NodeConfig.DATA_DIR.name(), old.toString())))) {
      networkKey = encryptionKey(a);
      // Nobody calls gov_issueRecoveryShares in this test: the node issues shares by itself.
      registerRecoveryKeys(a);
      JsonNode listed = awaitCurrentShares(a, 3);
      assertThat(listed.get("threshold").asInt()).isEqualTo(2);
      before = a.governance().recovery();

      String remove =
          "{\"op\":\"propose\",\"action\":{\"type\":\"remove_member\",\"address\":\""
              + carol.address().toChecksumHex()
              + "\"}}";
      String proposal = process(a, alice, "gov", remove, null).at("/result/proposal").asText();
      JsonNode decided =
          process(
              a,
              bob,
              "gov",
              "{\"op\":\"vote\",\"proposal\":\"" + proposal + "\",\"approve\":true}",
              null);
      assertThat(decided.at("/result/status").asText()).isEqualTo("accepted");

      listed = awaitCurrentShares(a, 2);
      assertThat(listed.get("threshold").asInt()).isEqualTo(2);
      after = a.governance().recovery();
      assertThat(after.get("height").asLong()).isGreaterThan(before.get("height").asLong());
      assertThat(after.get("shares").findValuesAsText("member"))
          .containsExactlyInAnyOrder(
              alice.address().toChecksumHex(), bob.address().toChecksumHex());
      assertThat(a.recoveryShares().reissued()).isGreaterThanOrEqualTo(2);
      // A new split, not the old shares handed out again: alice's share changed.
      assertThat(openShare(after, alice)).isNotEqualTo(openShare(before, alice));

      process(
          a, alice, "kv", "{\"op\":\"put\",\"key\":\"k\",\"value\":\"after-removal\"}", networkKey);
    }

    // The removed member's old share does not combine with new ones: neither with either
    // remaining member's share, nor mixed into a full set of the new shares.
    byte[] carolsOld = openShare(before, carol);
    List<List<byte[]>> mixes =
        List.of(
            List.of(carolsOld, openShare(after, alice)),
            List.of(carolsOld, openShare(after, bob)),
            List.of(openShare(after, alice), openShare(after, bob), carolsOld));
    int n = 0;
    for (List<byte[]> shares : mixes) {
      Path mixed = dir.resolve("mixed-" + (++n));
      NodeConfig target =
          NodeConfig.load(settings, Map.of(), Map.of(NodeConfig.DATA_DIR.name(), mixed.toString()));
      assertThatThrownBy(() -> Node.recoverKeys(target, shares, networkKey))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("do not combine");
    }
    // Nor does recover accept the removed member: the ledger's share set has nothing for her.
    Path withCarol = dir.resolve("with-carol");
    assertThat(recover(old, withCarol, settings, carol, alice)).isEqualTo(1);
    assertThat(lastError).contains(carol.address().toChecksumHex(), "holds no recovery share");
    assertThat(Files.exists(withCarol.resolve("enclave"))).isFalse();

    // The remaining members' new shares recover the network.
    Path recovered = dir.resolve("recovered");
    assertThat(recover(old, recovered, settings, alice, bob)).as(lastError).isZero();
    try (Node b =
        Node.start(NodeConfig.load(recovered.resolve("node.properties"), Map.of(), Map.of()))) {
      assertThat(encryptionKey(b)).isEqualTo(networkKey);
      JsonNode got = process(b, alice, "kv", "{\"op\":\"get\",\"key\":\"k\"}", networkKey);
      byte[] opened =
          SealedBox.open(
              alice.replyKey(),
              Transaction.resultInfo(b.chainId()),
              got.get("workOrderId").asText().getBytes(StandardCharsets.US_ASCII),
              Hex.decode(got.get("sealedResult").asText()));
      assertThat(JSON.readTree(opened).get("value").asText()).isEqualTo("after-removal");
    }
  }
}
