package io.txnchain.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.testing.FakeNode;
import io.txnchain.client.testing.FakeNode.Failure;
import io.txnchain.client.testing.TestEnclave;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TxnChainClientTest {
  private FakeNode node;
  private TxnChainClient client;

  @BeforeEach
  void start() throws Exception {
    node = FakeNode.start();
    client = TxnChainClient.connect(node.url());
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static ObjectNode obj() {
    return FakeNode.MAPPER.createObjectNode();
  }

  @Test
  void sendsJsonRpcAndReadsTypedResults() {
    node.on(
        "chain_head",
        p ->
            obj()
                .put("chainId", "c1")
                .put("height", 12)
                .put("hash", "ab")
                .put("stateRoot", "cd")
                .put("timeMillis", 5)
                .put("newField", true));

    ChainHead head = client.head();

    assertThat(head).isEqualTo(new ChainHead("c1", 12, "ab", "cd", 5));
    assertThat(node.calls("chain_head"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("jsonrpc").asText()).isEqualTo("2.0");
              assertThat(c.path("params").isObject()).isTrue();
            });
  }

  @Test
  void sendsTheIdOfResultQueries() {
    node.on("txn_getResult", p -> obj().put("txId", p.path("id").asText()).put("height", 3));

    TxResult r = client.result("0xabc");

    assertThat(r.id()).isEqualTo("0xabc");
    assertThat(r.height()).isEqualTo(3);
  }

  @Test
  void mapsErrorObjectsWithNameAndData() {
    ObjectNode data = obj().put("txId", "0x01").put("height", 9);
    node.on(
        "txn_getResult",
        p -> {
          throw new Failure(-32013, "DUPLICATE_TRANSACTION", "already there", data);
        });

    assertThatThrownBy(() -> client.result("0x01"))
        .isInstanceOfSatisfying(
            RpcErrorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(-32013);
              assertThat(e.name()).isEqualTo("DUPLICATE_TRANSACTION");
              assertThat(e.getMessage()).isEqualTo("already there");
              assertThat(e.data().path("height").asLong()).isEqualTo(9);
              assertThat(e.describe())
                  .isEqualTo("error -32013 DUPLICATE_TRANSACTION: already there");
            });
  }

  @Test
  void readsErrorObjectsSentWithAnHttpErrorStatus() {
    node.answerRaw(
        413,
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"too big\","
            + "\"data\":{\"error\":\"PAYLOAD_TOO_LARGE\"}}}");

    assertThatThrownBy(() -> client.head())
        .isInstanceOfSatisfying(
            RpcErrorException.class, e -> assertThat(e.name()).isEqualTo("PAYLOAD_TOO_LARGE"));
  }

  @Test
  void namesStandardErrorsThatCarryNoData() {
    node.answerRaw(
        200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"no\"}}");

    assertThatThrownBy(() -> client.head())
        .isInstanceOfSatisfying(
            RpcErrorException.class, e -> assertThat(e.name()).isEqualTo("METHOD_NOT_FOUND"));
  }

  @Test
  void reportsAnAnswerThatIsNotJsonRpc() {
    node.answerRaw(404, "<html>not found</html>");

    assertThatThrownBy(() -> client.head())
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining(node.url().toString());
  }

  @Test
  void reportsADroppedConnectionAsUnreachable() {
    node.dropNext(1);

    assertThatThrownBy(() -> client.head()).isInstanceOf(NodeUnreachableException.class);
  }

  @Test
  void reportsANodeThatDoesNotListenAsUnreachableNamingItsUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> TxnChainClient.connect(url).head())
        .isInstanceOfSatisfying(
            NodeUnreachableException.class,
            e -> {
              assertThat(e.node()).isEqualTo(url);
              assertThat(e.getMessage()).contains(url.toString()).contains("refused");
            });
  }

  @Test
  void parsesEvidenceAndRejectsMalformedHex() {
    TestEnclave enclave = new TestEnclave(new SecureRandom());
    node.on(
        "node_getEvidence",
        p -> enclave.evidenceJson(HexFormat.of().parseHex(p.path("nonce").asText()), true));

    NodeEvidence e = client.evidence(new byte[] {1, 2});

    assertThat(e.nonce()).containsExactly(1, 2);
    assertThat(e.encryptionKey()).isEqualTo(enclave.encryption.publicKey());

    node.on("node_getEvidence", p -> obj().put("format", "sim").put("data", "zz"));
    assertThatThrownBy(() -> client.evidence(null)).isInstanceOf(UnexpectedResponseException.class);
  }

  @Test
  void sendsBatchesAndReturnsOneOutcomePerCall() throws Exception {
    node.on(
        "txn_submit",
        p -> {
          if (p.path("tx").asText().equals("02")) {
            throw new Failure(-32012, "BAD_SIGNATURE", "bad");
          }
          return obj().put("txId", p.path("tx").asText());
        });
    byte[] body = new RpcBatch().addSubmit(1, new byte[] {1}).addSubmit(2, new byte[] {2}).encode();

    List<RpcOutcome> outcomes = client.sendBatchAsync(body).get(10, TimeUnit.SECONDS);

    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(0).ok()).isTrue();
    assertThat(outcomes.get(0).result().path("txId").asText()).isEqualTo("01");
    assertThat(outcomes.get(1).id()).isEqualTo(2);
    assertThat(outcomes.get(1).error().name()).isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void failsABatchTheNodeRefusedWhole() {
    node.answerRaw(
        413,
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"too big\","
            + "\"data\":{\"error\":\"PAYLOAD_TOO_LARGE\"}}}");
    byte[] body = new RpcBatch().addSubmit(1, new byte[] {1}).encode();

    assertThatThrownBy(() -> client.sendBatchAsync(body).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RpcErrorException.class);
  }
}
