package io.txnchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The node's API against bad and good input, over real HTTP on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAIN = "txnchain-dev";
  private final HttpClient http = HttpClient.newHttpClient();
  private final Secp256k1KeyPair alice = Secp256k1KeyPair.generate(new SecureRandom());
  private final Secp256k1KeyPair bob = Secp256k1KeyPair.generate(new SecureRandom());
  @TempDir static Path dir;
  private Node node;
  private int counter;

  @BeforeAll
  void start() throws Exception {
    NodeConfig config =
        NodeConfig.load(
            null,
            Map.of(),
            Map.of(
                NodeConfig.DATA_DIR.name(), dir.resolve("n").toString(),
                NodeConfig.PORT.name(), "0",
                NodeConfig.ALLOW_SIMULATED.name(), "true",
                NodeConfig.MAX_PAYLOAD.name(), "4096"));
    node = Node.start(config);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + "/rpc"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode call(String method, Map<String, ?> params) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of("jsonrpc", "2.0", "id", ++counter, "method", method, "params", params));
    return JSON.readTree(post(body).body());
  }

  private static int errorCode(JsonNode response) {
    assertThat(response.has("error")).as("expected an error in %s", response).isTrue();
    return response.get("error").get("code").asInt();
  }

  private Transaction data(Secp256k1KeyPair key, String text) {
    return Transaction.sign(
        new Transaction.Unsigned(
            CHAIN,
            TxKind.DATA,
            "c" + (++counter),
            "",
            new byte[0],
            false,
            text.getBytes(StandardCharsets.UTF_8),
            new byte[0]),
        key);
  }

  private Transaction work(Secp256k1KeyPair key, String app, String input) {
    return Transaction.sign(
        new Transaction.Unsigned(
            CHAIN,
            TxKind.WORK_ORDER,
            "w" + (++counter),
            app,
            new byte[0],
            false,
            input.getBytes(StandardCharsets.UTF_8),
            new byte[0]),
        key);
  }

  private JsonNode submit(Transaction tx) throws Exception {
    return call("txn_submit", Map.of("tx", Hex.toHexString(tx.encoded())));
  }

  @Test
  void submitsAndReadsBackATransaction() throws Exception {
    Transaction tx = data(alice, "hello");
    JsonNode r = submit(tx);
    assertThat(r.at("/result/txId").asText()).isEqualTo(tx.id());
    assertThat(r.at("/result/height").asLong()).isPositive();

    JsonNode t = call("txn_getTransaction", Map.of("id", tx.id()));
    assertThat(t.at("/result/payloadText").asText()).isEqualTo("hello");
    JsonNode receipt = call("txn_getReceipt", Map.of("id", tx.id()));
    assertThat(receipt.at("/result/header/height").asLong())
        .isEqualTo(r.at("/result/height").asLong());
  }

  @Test
  void processesAWorkOrderInsideTheEnclave() throws Exception {
    JsonNode put =
        call(
            "txn_process",
            Map.of(
                "tx",
                Hex.toHexString(
                    work(alice, "kv", "{\"op\":\"put\",\"key\":\"n\",\"value\":42}").encoded())));
    assertThat(put.has("result")).as(put.toString()).isTrue();
    JsonNode get =
        call(
            "txn_process",
            Map.of(
                "tx",
                Hex.toHexString(work(bob, "kv", "{\"op\":\"get\",\"key\":\"n\"}").encoded())));
    assertThat(get.at("/result/result/value").asInt()).isEqualTo(42);
    assertThat(get.at("/result/node").asText()).isEqualTo("node-0");
  }

  @Test
  void malformedJsonIsAParseError() throws Exception {
    assertThat(errorCode(JSON.readTree(post("{not json").body())))
        .isEqualTo(RpcError.PARSE_ERROR.code());
  }

  @Test
  void unknownMethodAndInvalidRequest() throws Exception {
    assertThat(errorCode(call("txn_nope", Map.of()))).isEqualTo(RpcError.METHOD_NOT_FOUND.code());
    assertThat(errorCode(JSON.readTree(post("{\"method\":\"chain_head\",\"id\":1}").body())))
        .isEqualTo(RpcError.INVALID_REQUEST.code());
  }

  @Test
  void wrongParameterTypes() throws Exception {
    assertThat(errorCode(call("txn_submit", Map.of("tx", 12))))
        .isEqualTo(RpcError.INVALID_PARAMS.code());
    assertThat(errorCode(call("txn_submit", Map.of("tx", "zz"))))
        .isEqualTo(RpcError.INVALID_PARAMS.code());
    assertThat(errorCode(call("chain_getBlock", Map.of("height", "one"))))
        .isEqualTo(RpcError.INVALID_PARAMS.code());
    assertThat(errorCode(call("txn_submit", Map.of("tx", "0102"))))
        .isEqualTo(RpcError.MALFORMED_TRANSACTION.code());
  }

  @Test
  void oversizedPayloadsAndBodiesAreRefused() throws Exception {
    Transaction big = data(alice, "x".repeat(5000));
    JsonNode r = submit(big);
    assertThat(errorCode(r)).isEqualTo(RpcError.PAYLOAD_TOO_LARGE.code());
    assertThat(call("txn_getResult", Map.of("id", big.id())).at("/error/code").asInt())
        .isEqualTo(RpcError.NOT_FOUND.code());

    HttpResponse<String> huge = post("{\"pad\":\"" + "a".repeat(100_000) + "\"}");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(errorCode(JSON.readTree(huge.body()))).isEqualTo(RpcError.PAYLOAD_TOO_LARGE.code());
  }

  @Test
  void badSignatureAndSignatureByAnotherKey() throws Exception {
    Transaction tx = data(alice, "signed");
    byte[] forged = tx.encoded().clone();
    forged[forged.length - 10] ^= 1;
    assertThat(errorCode(call("txn_submit", Map.of("tx", Hex.toHexString(forged)))))
        .isEqualTo(RpcError.BAD_SIGNATURE.code());

    byte[] swapped = tx.encoded().clone();
    byte[] sender = alice.publicKeyCompressed();
    byte[] other = bob.publicKeyCompressed();
    int at = indexOf(swapped, sender);
    System.arraycopy(other, 0, swapped, at, 33);
    assertThat(errorCode(call("txn_submit", Map.of("tx", Hex.toHexString(swapped)))))
        .isEqualTo(RpcError.BAD_SIGNATURE.code());
    assertThat(call("chain_head", Map.of()).has("result")).isTrue();
  }

  @Test
  void replayedTransactionIdIsRefusedWithTheHeightOfTheOriginal() throws Exception {
    Transaction tx = data(alice, "once");
    long height = submit(tx).at("/result/height").asLong();
    JsonNode again = submit(tx);
    assertThat(errorCode(again)).isEqualTo(RpcError.DUPLICATE_TRANSACTION.code());
    assertThat(again.at("/error/data/height").asLong()).isEqualTo(height);
    assertThat(again.at("/error/data/error").asText()).isEqualTo("DUPLICATE_TRANSACTION");
  }

  @Test
  void sealedPayloadForAnotherEnclaveKeyIsRefused() throws Exception {
    String clientId = "sealed-" + (++counter);
    byte[] box =
        SealedBox.seal(
            X25519KeyPair.generate(new SecureRandom()).publicKey(),
            Transaction.payloadInfo(CHAIN),
            Transaction.payloadAad(alice.publicKeyCompressed(), clientId),
            "secret".getBytes(StandardCharsets.UTF_8),
            new SecureRandom());
    Transaction tx =
        Transaction.sign(
            new Transaction.Unsigned(
                CHAIN, TxKind.DATA, clientId, "", new byte[0], true, box, new byte[0]),
            alice);
    assertThat(errorCode(submit(tx))).isEqualTo(RpcError.SEALED_FOR_ANOTHER_KEY.code());
  }

  @Test
  void unknownAppAndRejectedInput() throws Exception {
    JsonNode unknown =
        call("txn_process", Map.of("tx", Hex.toHexString(work(alice, "nope", "{}").encoded())));
    assertThat(errorCode(unknown)).isEqualTo(RpcError.UNKNOWN_APP.code());
    JsonNode rejected =
        call(
            "txn_process",
            Map.of("tx", Hex.toHexString(work(alice, "kv", "{\"op\":\"explode\"}").encoded())));
    assertThat(errorCode(rejected)).isEqualTo(RpcError.APP_REJECTED.code());
    JsonNode wrongKind =
        call("txn_process", Map.of("tx", Hex.toHexString(data(alice, "d").encoded())));
    assertThat(errorCode(wrongKind)).isEqualTo(RpcError.WRONG_KIND.code());
  }

  @Test
  void healthMetricsAndOpenApi() throws Exception {
    submit(data(alice, "m"));
    assertThat(get("/livez").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.body()).contains("txnchain_chain_height").contains("txnchain_tx_total");
    JsonNode openApi = JSON.readTree(get("/openapi.json").body());
    assertThat(openApi.at("/paths").has("/rpc")).isTrue();
  }

  @Test
  void batchRequestsAnswerEachCall() throws Exception {
    String body =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_head\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}]";
    JsonNode r = JSON.readTree(post(body).body());
    assertThat(r).hasSize(2);
    assertThat(r.get(0).has("result")).isTrue();
    assertThat(r.get(1).at("/error/code").asInt()).isEqualTo(RpcError.METHOD_NOT_FOUND.code());
  }

  @Test
  void evidenceBindsTheEnclaveKeysToTheCallersNonce() throws Exception {
    JsonNode e = call("node_getEvidence", Map.of("nonce", "00112233")).get("result");
    assertThat(e.get("format").asText()).isEqualTo("sim");
    assertThat(e.get("simulated").asBoolean()).isTrue();
    assertThat(e.get("nonce").asText()).isEqualTo("00112233");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
