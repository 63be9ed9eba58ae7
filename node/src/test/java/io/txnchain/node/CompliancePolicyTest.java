package io.txnchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attestation policy is checked continuously: when governance stops allowing simulated
 * evidence, a simulated node reports itself non-compliant and takes no more work orders, while
 * governance itself stays reachable so that the members can change the policy back.
 */
class CompliancePolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Secp256k1KeyPair member = Secp256k1KeyPair.generate(new SecureRandom());
  @TempDir Path dir;
  private int ids;

  private JsonNode call(Node node, String method, Map<String, ?> params) throws Exception {
    return Rpc.call(node.url(), method, params);
  }

  private JsonNode process(Node node, String app, String input) throws Exception {
    Transaction tx =
        Transaction.sign(
            new Transaction.Unsigned(
                node.chainId(),
                TxKind.WORK_ORDER,
                "p" + (++ids),
                app,
                new byte[0],
                false,
                input.getBytes(StandardCharsets.UTF_8),
                new byte[0]),
            member);
    return call(node, "txn_process", Map.of("tx", Hex.toHexString(tx.encoded())));
  }

  /** A network of one that allows simulated evidence, with {@code member} as its only member. */
  private NodeConfig config() throws IOException {
    return NodeConfig.load(
        null,
        Map.of(),
        Map.of(
            NodeConfig.DATA_DIR.name(), dir.toString(),
            NodeConfig.PORT.name(), "0",
            NodeConfig.ALLOW_SIMULATED.name(), "true",
            NodeConfig.GOV_ALLOW_SIMULATED.name(), "true",
            NodeConfig.GOV_MEMBERS.name(), member.address().toChecksumHex()));
  }

  private String compliance(Node node) throws Exception {
    return call(node, "network_status", Map.of()).at("/result/nodes/0/compliance").asText();
  }

  @Test
  void aPolicyChangeTakesANonCompliantNodeOutOfWorkOrdersAndBack() throws Exception {
    try (Node node = Node.start(config())) {
      assertThat(compliance(node)).isEqualTo("compliant");
      assertThat(process(node, "kv", "{\"op\":\"put\",\"key\":\"a\",\"value\":1}").has("result"))
          .isTrue();

      JsonNode forbid =
          process(
              node,
              "gov",
              "{\"op\":\"propose\",\"action\":{\"type\":\"set_simulated_policy\",\"allow\":false}}");
      assertThat(forbid.at("/result/result/status").asText()).isEqualTo("accepted");
      assertThat(compliance(node)).startsWith("non-compliant").containsIgnoringCase("simulated");
      JsonNode refused = process(node, "kv", "{\"op\":\"put\",\"key\":\"b\",\"value\":2}");
      assertThat(refused.at("/error/code").asInt()).isEqualTo(RpcError.NOT_READY.code());
      assertThat(refused.at("/error/message").asText()).contains("attestation policy");

      JsonNode allow =
          process(
              node,
              "gov",
              "{\"op\":\"propose\",\"action\":{\"type\":\"set_simulated_policy\",\"allow\":true}}");
      assertThat(allow.at("/result/result/status").asText()).isEqualTo("accepted");
      assertThat(compliance(node)).isEqualTo("compliant");
      assertThat(process(node, "kv", "{\"op\":\"put\",\"key\":\"b\",\"value\":2}").has("result"))
          .isTrue();
    }
  }

  private JsonNode setAttestationPolicy(Node node, String policy) throws Exception {
    return process(
        node,
        "gov",
        "{\"op\":\"propose\",\"action\":{\"type\":\"set_attestation_policy\",\"policy\":"
            + policy
            + "}}");
  }

  @Test
  void aVotedAttestationPolicyThatNoLongerAllowsTheNodesCodeMakesItNonCompliant() throws Exception {
    try (Node node = Node.start(config())) {
      String own =
          call(node, "network_status", Map.of()).at("/result/nodes/0/measurement").asText();
      assertThat(own).hasSize(64);
      assertThat(compliance(node)).isEqualTo("compliant");

      String other = "00".repeat(32);
      JsonNode voted =
          setAttestationPolicy(
              node,
              "{\"allowSimulated\":true,\"tee\":{\"sim\":{\"allow\":[{\"measurement\":\""
                  + other
                  + "\"}]}}}");
      assertThat(voted.at("/result/result/status").asText())
          .as(voted.toString())
          .isEqualTo("accepted");
      assertThat(compliance(node))
          .startsWith("non-compliant")
          .contains("identity (measurement " + own + ") is not allowed");
      assertThat(
              process(node, "kv", "{\"op\":\"put\",\"key\":\"c\",\"value\":3}")
                  .at("/error/code")
                  .asInt())
          .isEqualTo(RpcError.NOT_READY.code());
      JsonNode list = call(node, "gov_list", Map.of());
      assertThat(list.at("/result/policy/attestation/tee/sim/allow/0/measurement").asText())
          .isEqualTo(other);

      JsonNode refused = setAttestationPolicy(node, "{\"reportData\":\"00\"}");
      assertThat(refused.at("/error/message").asText())
          .contains("invalid_field", "reportData cannot be fixed");

      setAttestationPolicy(
          node,
          "{\"allowSimulated\":true,\"tee\":{\"sim\":{\"allow\":[{\"measurement\":\""
              + own
              + "\"}]}}}");
      assertThat(compliance(node)).isEqualTo("compliant");
    }
  }
}
