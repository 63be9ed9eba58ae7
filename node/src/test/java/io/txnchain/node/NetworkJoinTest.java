package io.txnchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.node.rpc.RpcError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second node receives the network keys from the first over node_join. */
class NetworkJoinTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static NodeConfig config(Path data, String nodeId, String joinUrl) throws Exception {
    return NodeConfig.load(
        null,
        Map.of(),
        Map.of(
            NodeConfig.DATA_DIR.name(),
            data.toString(),
            NodeConfig.PORT.name(),
            "0",
            NodeConfig.NODE_ID.name(),
            nodeId,
            NodeConfig.ALLOW_SIMULATED.name(),
            "true",
            NodeConfig.JOIN_URL.name(),
            joinUrl));
  }

  private static JsonNode call(String url, String method, Map<String, ?> params) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/rpc"))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
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
