package io.txnchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second node receives the network keys from the first over node_join. */
class NetworkJoinTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static NodeConfig config(Path data, String nodeId, String joinUrl) throws Exception {
    return config(data, nodeId, joinUrl, Map.of(NodeConfig.GOV_ALLOW_SIMULATED.name(), "true"));
  }

  /** A node's settings with genesis governance {@code gov}. */
  private static NodeConfig config(
      Path data, String nodeId, String joinUrl, Map<String, String> gov) throws Exception {
    Map<String, String> o = new TreeMap<>(gov);
    o.put(NodeConfig.DATA_DIR.name(), data.toString());
    o.put(NodeConfig.PORT.name(), "0");
    o.put(NodeConfig.NODE_ID.name(), nodeId);
    o.put(NodeConfig.ALLOW_SIMULATED.name(), "true");
    o.put(NodeConfig.JOIN_URL.name(), joinUrl);
    return NodeConfig.load(null, Map.of(), o);
  }

  /** Starting a node that joins {@code url}, expected to fail; returns why. */
  private String refusal(Path data, String url) throws Exception {
    NodeConfig joiner = config(data, "node-1", url);
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Node.start(joiner).close());
    assertThat(t).isInstanceOf(IllegalStateException.class);
    return t.getMessage();
  }

  @Test
  void aMeasurementOffTheAllowedListIsRefused() throws Exception {
    String other = "ab".repeat(32);
    Map<String, String> gov =
        Map.of(
            NodeConfig.GOV_ALLOW_SIMULATED.name(),
            "true",
            NodeConfig.GOV_MEASUREMENTS.name(),
            other);
    try (Node first = Node.start(config(dir.resolve("a"), "node-0", "", gov))) {
      assertThat(refusal(dir.resolve("b"), first.url())).contains("join refused", "measurement");
      assertThat(Files.exists(dir.resolve("b/enclave").resolve(NetworkJoin.JOINED_MARKER)))
          .isFalse();
    }
  }

  @Test
  void simulatedEvidenceIsRefusedWhenThePolicyForbidsIt() throws Exception {
    Map<String, String> gov = Map.of(NodeConfig.GOV_ALLOW_SIMULATED.name(), "false");
    try (Node first = Node.start(config(dir.resolve("a"), "node-0", "", gov))) {
      assertThat(refusal(dir.resolve("b"), first.url()))
          .contains("join refused")
          .containsIgnoringCase("simulated");
    }
  }

  @Test
  void withoutAutoAdmitANodeJoinsOnlyAfterTheMembersVoteItIn() throws Exception {
    Secp256k1KeyPair member = Secp256k1KeyPair.generate(new java.security.SecureRandom());
    Map<String, String> gov =
        Map.of(
            NodeConfig.GOV_ALLOW_SIMULATED.name(),
            "true",
            NodeConfig.GOV_AUTO_ADMIT.name(),
            "false",
            NodeConfig.GOV_MEMBERS.name(),
            member.address().toChecksumHex());
    try (Node first = Node.start(config(dir.resolve("a"), "node-0", "", gov))) {
      String why = refusal(dir.resolve("b"), first.url());
      assertThat(why).contains("not admitted", "add_node");
      Matcher key = Pattern.compile("identity key ([0-9a-f]{64})").matcher(why);
      assertThat(key.find()).as(why).isTrue();

      String proposal =
          "{\"op\":\"propose\",\"action\":{\"type\":\"add_node\",\"nodeId\":\"node-1\","
              + "\"identityKey\":\""
              + key.group(1)
              + "\"}}";
      Transaction tx =
          Transaction.sign(
              new Transaction.Unsigned(
                  first.chainId(),
                  TxKind.WORK_ORDER,
                  "admit-node-1",
                  "gov",
                  new byte[0],
                  false,
                  proposal.getBytes(StandardCharsets.UTF_8),
                  new byte[0]),
              member);
      JsonNode voted =
          call(first.url(), "txn_process", Map.of("tx", Hex.toHexString(tx.encoded())));
      assertThat(voted.at("/result/result/status").asText())
          .as(voted.toString())
          .isEqualTo("accepted");
      JsonNode listed = call(first.url(), "gov_list", Map.of()).get("result");
      assertThat(listed.at("/nodes/" + key.group(1)).asText()).isEqualTo("node-1");

      try (Node joined = Node.start(config(dir.resolve("b"), "node-1", first.url()))) {
        assertThat(Files.exists(dir.resolve("b/enclave").resolve(NetworkJoin.JOINED_MARKER)))
            .isTrue();
      }
    }
  }

  private static JsonNode call(String url, String method, Map<String, ?> params) throws Exception {
    return Rpc.call(url, method, params);
  }

  @Test
  void aJoinedNodeSharesTheNetworkEncryptionKeyButNotTheIdentity() throws Exception {
    try (Node first = Node.start(config(dir.resolve("a"), "node-0", ""))) {
      JsonNode a = call(first.url(), "node_getEvidence", Map.of()).get("result");
      Path second = dir.resolve("b");
      try (Node joined = Node.start(config(second, "node-1", first.url()))) {
        JsonNode b = call(joined.url(), "node_getEvidence", Map.of()).get("result");
        assertThat(b.get("encryptionKey")).isEqualTo(a.get("encryptionKey"));
        assertThat(b.get("identityKey")).isNotEqualTo(a.get("identityKey"));
      }
      assertThat(Files.exists(second.resolve("enclave").resolve(NetworkJoin.JOINED_MARKER)))
          .isTrue();
      try (Node restarted = Node.start(config(second, "node-1", "http://127.0.0.1:9"))) {
        JsonNode b = call(restarted.url(), "node_getEvidence", Map.of()).get("result");
        assertThat(b.get("encryptionKey")).isEqualTo(a.get("encryptionKey"));
      }
    }
  }

  @Test
  void evidenceThatDoesNotBindTheKeysIsRefused() throws Exception {
    try (Node first = Node.start(config(dir.resolve("a"), "node-0", ""))) {
      JsonNode e =
          call(first.url(), "node_getEvidence", Map.of("nonce", "00".repeat(32))).get("result");
      JsonNode answer =
          call(
              first.url(),
              "node_join",
              Map.of(
                  "nonce", "11".repeat(32),
                  "identityKey", e.get("identityKey").asText(),
                  "transportKey", e.get("encryptionKey").asText(),
                  "format", e.get("format").asText(),
                  "data", e.get("data").asText()));
      assertThat(answer.at("/error/code").asInt()).isEqualTo(RpcError.JOIN_REFUSED.code());
      assertThat(answer.at("/error/message").asText()).contains("report data");
    }
  }
}
