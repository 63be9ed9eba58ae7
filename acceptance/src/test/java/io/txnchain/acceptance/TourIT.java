package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, end to end: a node process started with {@code up}, driven by the CLI process;
 * crash and restart; and a scan for sealed plaintext on disk and in logs.
 */
class TourIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Cli cli(NodeProcess node) throws Exception {
    Path key = dir.resolve("user.key");
    Cli cli = new Cli(node.url(), key);
    if (!Files.exists(key)) {
      assertThat(cli.run("keys", "new", "--out", key.toString()).exitCode()).isZero();
    }
    return cli;
  }

  private static JsonNode ok(Cli.Run run) throws Exception {
    assertThat(run.exitCode()).as("stdout %s stderr %s", run.stdout(), run.stderr()).isZero();
    return JSON.readTree(run.stdout());
  }

  @Test
  void submitProcessReceiptAndVerify() throws Exception {
    try (NodeProcess node =
        NodeProcess.up(dir.resolve("data"), NodeProcess.freePort(), dir.resolve("node.log"))) {
      Cli cli = cli(node);
      JsonNode submitted = ok(cli.run("submit", "--text", "hello"));
      String txId = submitted.get("txId").asText();
      assertThat(submitted.get("height").asLong()).isPositive();

      JsonNode processed =
          ok(
              cli.run(
                  "process",
                  "--app",
                  "kv",
                  "--input",
                  "{\"op\":\"put\",\"key\":\"a\",\"value\":7}"));
      assertThat(processed.get("workOrderId").asText()).startsWith("0x");
      assertThat(processed.get("node").asText()).isNotEmpty();

      for (String id : List.of(txId, processed.get("workOrderId").asText())) {
        Cli.Run receipt = cli.run("receipt", id);
        assertThat(receipt.exitCode()).isZero();
        Path file = dir.resolve("r.json");
        Files.writeString(file, receipt.stdout());
        assertThat(cli.run("verify", file.toString(), "--allow-simulated").exitCode()).isZero();

        Cli.Run strict = cli.run("verify", file.toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.stdout() + strict.stderr()).contains("SIMULATED");

        for (String part :
            List.of(
                "/entry",
                "/header/txRoot",
                "/proof/path/0",
                "/evidence/0/data",
                "/signatures/0/signature")) {
          ObjectNode tampered = (ObjectNode) JSON.readTree(receipt.stdout());
          flipHex(tampered, part);
          Path bad = dir.resolve("bad.json");
          Files.writeString(bad, JSON.writeValueAsString(tampered));
          Cli.Run run = cli.run("verify", bad.toString(), "--allow-simulated");
          assertThat(run.exitCode()).as("tampered %s", part).isEqualTo(1);
        }
      }
    }
  }

  /** Changes one hex digit of the string at {@code pointer}, keeping it valid hex. */
  private static void flipHex(ObjectNode root, String pointer) {
    JsonNode target = root.at(pointer);
    if (target.isMissingNode()) {
      // A one-transaction block has an empty proof path: tamper with the leaf index instead.
      ((ObjectNode) root.get("proof")).put("leafIndex", root.at("/proof/leafIndex").asLong() + 1);
      return;
    }
    String s = target.asText();
    int i = s.length() / 2;
    char c = s.charAt(i) == '0' ? '1' : '0';
    String flipped = s.substring(0, i) + c + s.substring(i + 1);
    String parentPath = pointer.substring(0, pointer.lastIndexOf('/'));
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    JsonNode parent = parentPath.isEmpty() ? root : root.at(parentPath);
    if (parent.isArray()) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), flipped);
    } else {
      ((ObjectNode) parent).put(last, flipped);
    }
  }

  @Test
  void everyAcknowledgedTransactionSurvivesKillNine() throws Exception {
    Path data = dir.resolve("data");
    int port = NodeProcess.freePort();
    List<String> acknowledged = new ArrayList<>();
    NodeProcess node = NodeProcess.up(data, port, dir.resolve("node1.log"));
    Cli cli = cli(node);
    try {
      for (int i = 0; i < 20; i++) {
        acknowledged.add(ok(cli.run("submit", "--text", "tx-" + i)).get("txId").asText());
      }
      node.kill9();
    } finally {
      node.close();
    }
    try (NodeProcess restarted = NodeProcess.up(data, port, dir.resolve("node2.log"))) {
      Cli again = cli(restarted);
      for (String id : acknowledged) {
        JsonNode result = ok(again.run("result", id));
        assertThat(result.toString()).contains(id);
      }
      Path file = dir.resolve("r.json");
      Files.writeString(file, again.run("receipt", acknowledged.get(0)).stdout());
      assertThat(again.run("verify", file.toString(), "--allow-simulated").exitCode()).isZero();
      assertThat(ok(again.run("submit", "--text", "after restart")).get("height").asLong())
          .isGreaterThan(0);
    }
  }

  @Test
  void sealedPlaintextNeverReachesDiskOrLogs() throws Exception {
    String secret = "sealed-marker-" + UUID.randomUUID();
    String control = "public-marker-" + UUID.randomUUID();
    Path data = dir.resolve("data");
    Path log = dir.resolve("node.log");
    try (NodeProcess node = NodeProcess.up(data, NodeProcess.freePort(), log)) {
      Cli cli = cli(node);
      ok(cli.run("submit", "--text", secret, "--seal"));
      ok(
          cli.run(
              "process",
              "--app",
              "kv",
              "--seal",
              "--input",
              "{\"op\":\"put\",\"key\":\"s\",\"value\":\"" + secret + "\"}"));
      ok(cli.run("submit", "--text", control));
    }
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    byte[] found = control.getBytes(StandardCharsets.UTF_8);
    boolean controlSeen = false;
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      assertThat(indexOf(bytes, needle)).as("plaintext found in %s", f).isEqualTo(-1);
      controlSeen |= indexOf(bytes, found) >= 0;
    }
    assertThat(controlSeen).as("the scan must be able to see unsealed data").isTrue();
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
