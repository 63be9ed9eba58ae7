package io.txnchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Secp256k1KeyPair;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-app work-order quotas, enforced by a running node and shown in its status. */
class QuotaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private String body(String method, Map<String, ?> params) throws Exception {
    return JSON.writeValueAsString(
        Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
  }

  private CompletableFuture<JsonNode> call(Node node, String method, Map<String, ?> params)
      throws Exception {
    return http.sendAsync(
            HttpRequest.newBuilder(URI.create(node.url() + "/rpc"))
                .POST(HttpRequest.BodyPublishers.ofString(body(method, params)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r -> {
              try {
                return JSON.readTree(r.body());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private Map<String, String> kv(Node node, String clientId, String input) {
    Transaction tx =
        Transaction.sign(
            new Transaction.Unsigned(
                node.chainId(),
                TxKind.WORK_ORDER,
                clientId,
                "kv",
                new byte[0],
                false,
                input.getBytes(StandardCharsets.UTF_8),
                new byte[0]),
            key);
    return Map.of("tx", Hex.toHexString(tx.encoded()));
  }

  @Test
  void oversizedInputsAndWorkOrdersBeyondTheConcurrencyLimitAreRefused() throws Exception {
    NodeConfig config =
        NodeConfig.load(
            null,
            Map.of(),
            Map.of(
                NodeConfig.DATA_DIR.name(), dir.toString(),
                NodeConfig.PORT.name(), "0",
                NodeConfig.ALLOW_SIMULATED.name(), "true",
                NodeConfig.APP_QUOTAS.name(), "kv=1/80/1000"));
    try (Node node = Node.start(config)) {
      String big = "{\"op\":\"put\",\"key\":\"k\",\"value\":\"" + "x".repeat(100) + "\"}";
      JsonNode refused = call(node, "txn_process", kv(node, "big", big)).get();
      assertThat(refused.at("/error/code").asInt()).isEqualTo(RpcError.QUOTA_EXCEEDED.code());
      assertThat(refused.at("/error/data/maxInputBytes").asInt()).isEqualTo(80);

      List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(
            call(
                node,
                "txn_process",
                kv(node, "c" + i, "{\"op\":\"put\",\"key\":\"k" + i + "\",\"value\":1}")));
      }
      int ok = 0;
      int overQuota = 0;
      for (CompletableFuture<JsonNode> c : calls) {
        JsonNode r = c.get();
        if (r.has("result")) {
          ok++;
        } else {
          assertThat(r.at("/error/code").asInt())
              .as(r.toString())
              .isEqualTo(RpcError.QUOTA_EXCEEDED.code());
          overQuota++;
        }
      }
      assertThat(ok).isPositive();
      assertThat(overQuota).isPositive();

      JsonNode kvStatus =
          call(node, "network_status", Map.of()).get().at("/result/nodes/0/apps/kv");
      assertThat(kvStatus.get("maxConcurrent").asInt()).isEqualTo(1);
      assertThat(kvStatus.get("inFlight").asInt()).isZero();
      assertThat(kvStatus.get("refused").asLong()).isEqualTo(overQuota + 1L);
    }
  }
}
