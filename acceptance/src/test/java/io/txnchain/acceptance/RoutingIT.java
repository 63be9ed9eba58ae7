package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler: a node whose quota for an app is used up hands work orders to peers with room
 * instead of refusing them, and every one of them completes with a committed result.
 */
class RoutingIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void workOrdersOverANodesQuotaRunOnItsPeers() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      cluster.kill9(0);
      Files.writeString(
          cluster.data().resolve("node-0").resolve("node.properties"),
          "\napps.quotas=kv=1/65536/1000\n",
          StandardOpenOption.APPEND);
      cluster.restart(0);
      assertThat(cluster.awaitReadyz(0, 200, Duration.ofSeconds(60))).isNotNull();
      // Let node 0 hear from its peers at least once.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline && servingPeers(cluster) < 2) {
        Thread.sleep(200);
      }
      assertThat(servingPeers(cluster)).isEqualTo(2);

      Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
      HttpClient http = HttpClient.newHttpClient();
      List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Transaction tx =
            Transactions.workOrder(
                LocalCluster.CHAIN,
                "route-" + i,
                "kv",
                new byte[0],
                ("{\"op\":\"put\",\"key\":\"r" + i + "\",\"value\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8),
                false,
                new byte[0],
                key);
        String body =
            JSON.writeValueAsString(
                Map.of(
                    "jsonrpc",
                    "2.0",
                    "id",
                    i,
                    "method",
                    "txn_process",
                    "params",
                    Map.of("tx", Hex.toHexString(tx.encoded()))));
        calls.add(
            http.sendAsync(
                    HttpRequest.newBuilder(URI.create(cluster.url(0) + "/rpc"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> read(r.body())));
      }
      Map<String, Integer> byNode = new TreeMap<>();
      for (CompletableFuture<JsonNode> c : calls) {
        JsonNode r = c.get();
        assertThat(r.has("result")).as(r.toString()).isTrue();
        assertThat(r.at("/result/status").asText()).isEqualTo("ok");
        byNode.merge(r.at("/result/node").asText(), 1, Integer::sum);
      }
      assertThat(byNode.keySet()).as(byNode.toString()).contains("node-0").hasSizeGreaterThan(1);
      // Wherever a work order was taken, every node holds its result.
      cluster.awaitSameHead();
    }
  }

  private static int servingPeers(LocalCluster cluster) {
    JsonNode status =
        cluster.client(0).call("network_status", JSON.createObjectNode()).path("peers");
    int serving = 0;
    for (JsonNode p : status) {
      if (p.path("serving").asBoolean()) {
        serving++;
      }
    }
    return serving;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
