package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.testing.FakeNode;
import io.txnchain.client.testing.FakeNode.Failure;
import io.txnchain.client.testing.TestEnclave;
import io.txnchain.client.testing.TestReceipts;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliNetworkTest {
  @TempDir Path home;
  private FakeNode node;

  @BeforeEach
  void start() throws Exception {
    node = FakeNode.start();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private CliRunner.Run cli(String... args) {
    return new CliRunner(home).env("TXNCHAIN_NODE", node.url().toString()).run(args);
  }

  /** As {@link #cli}, with stdout a terminal (text output). */
  private CliRunner.Run cliOnTerminal(String... args) {
    return new CliRunner(home).terminal(true).env("TXNCHAIN_NODE", node.url().toString()).run(args);
  }

  private static String deadUrl() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void exitsThreeNamingTheUrlWhenNothingListens() throws Exception {
    String url = deadUrl();
    for (String[] args :
        new String[][] {
          {"status", "--node", url},
          {"head", "--node", url},
          {"receipt", "0x01", "--node", url},
          {"submit", "--text", "x", "--node", url},
          {"bench", "submit", "--count", "5", "--node", url}
        }) {
      CliRunner.Run run = new CliRunner(home).run(args);
      assertThat(run.exit()).as(String.join(" ", args) + "\n" + run).isEqualTo(3);
      assertThat(run.err()).contains("cannot reach the node at " + url).doesNotContain("\tat ");
    }
  }

  @Test
  void theEnvironmentNamesTheNodeAndTheFlagWins() throws Exception {
    node.on("chain_head", p -> FakeNode.MAPPER.createObjectNode().put("chainId", "c"));

    assertThat(cli("head").exit()).isZero();
    assertThat(cli("head", "--node", deadUrl()).exit()).isEqualTo(3);
  }

  @Test
  void aMalformedNodeUrlIsAUsageError() {
    CliRunner.Run run = new CliRunner(home).run("head", "--node", "ftp://x");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("not a node URL");
  }

  @Test
  void somethingThatIsNotANodeCountsAsUnreachable() {
    node.answerRaw(404, "Not Found");

    CliRunner.Run run = cli("head");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("did not answer as a TxnChain node");
  }

  @Test
  void aRejectionExitsOneWithCodeNameAndMessage() {
    node.on(
        "txn_getTransaction",
        p -> {
          throw new Failure(-32030, "NOT_FOUND", "no transaction 0x99");
        });

    CliRunner.Run run = cli("tx", "0x99");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error -32030 NOT_FOUND: no transaction 0x99\n");
  }

  @Test
  void receiptPrintsTheNodesJsonSoThatVerifyAcceptsTheFile() throws Exception {
    SecureRandom random = new SecureRandom();
    ObjectNode receipt = TestReceipts.valid(new TestEnclave(random), random);
    node.on("txn_getReceipt", p -> receipt);

    CliRunner.Run run = cliOnTerminal("receipt", receipt.get("id").asText());
    Path file = home.resolve("r.json");
    Files.writeString(file, run.out());
    CliRunner.Run verified = cli("verify", file.toString(), "--allow-simulated");

    assertThat(run.exit()).isZero();
    // Re-parsed, so that both sides hold the same numeric node types.
    assertThat(run.json()).isEqualTo(FakeNode.MAPPER.readTree(receipt.toString()));
    assertThat(run.out()).contains("\n  \"version\"");
    assertThat(node.calls("txn_getReceipt").get(0).path("params").path("id").asText())
        .isEqualTo(receipt.get("id").asText());
    assertThat(verified.exit()).as(verified.toString()).isZero();
  }

  private static ObjectNode self(String id, String url, long height, String stateRoot) {
    return FakeNode.MAPPER
        .createObjectNode()
        .put("id", id)
        .put("url", url)
        .put("role", height == 42 ? "leader" : "follower")
        .put("height", height)
        .put("stateRoot", stateRoot)
        .put("tee", "sim")
        .put("attestation", "simulated")
        .put("compliance", "compliant")
        .put("healthy", true)
        .put("uptimeMillis", 65_000);
  }

  private static ObjectNode withQuota(ObjectNode self) {
    self.putObject("apps")
        .putObject("dex")
        .put("maxConcurrent", 256)
        .put("maxInputBytes", 1_048_576)
        .put("maxExecutionMillis", 1000)
        .put("inFlight", 3)
        .put("refused", 7)
        .put("overTime", 0)
        .put("slowestMicros", 31_252);
    return self;
  }

  private static ObjectNode statusOf(ObjectNode self, String... peerIdsAndUrls) {
    ObjectNode status = FakeNode.MAPPER.createObjectNode().put("chainId", "c1");
    status.putArray("nodes").add(self);
    var peers = status.putArray("peers");
    for (int i = 0; i < peerIdsAndUrls.length; i += 2) {
      peers.addObject().put("id", peerIdsAndUrls[i]).put("url", peerIdsAndUrls[i + 1]);
    }
    return status;
  }

  @Test
  void statusShowsEveryNodeComparedAtTheHeightAllHaveAndFlagsSimulation() throws Exception {
    String root41 = "aa".repeat(32);
    try (FakeNode peer = FakeNode.start()) {
      String dead = deadUrl();
      node.on(
          "network_status",
          p ->
              statusOf(
                  withQuota(self("node-1", node.url().toString(), 42, "bb".repeat(32))),
                  "node-2",
                  peer.url().toString(),
                  "node-3",
                  dead));
      // The queried node is one block ahead: the two are compared at 41, the peer's height.
      node.on(
          "chain_getBlock",
          p -> FakeNode.MAPPER.createObjectNode().put("height", 41).put("stateRoot", root41));
      peer.on("network_status", p -> statusOf(self("node-2", peer.url().toString(), 41, root41)));

      CliRunner.Run json = cli("status");
      CliRunner.Run text = cliOnTerminal("status");

      var status = json.json();
      assertThat(status.path("nodes")).hasSize(3);
      assertThat(status.path("nodes").path(0).path("height").asLong()).isEqualTo(42);
      assertThat(status.path("nodes").path(1).path("id").asText()).isEqualTo("node-2");
      assertThat(status.path("nodes").path(1).path("reachable").asBoolean()).isTrue();
      assertThat(status.path("nodes").path(2).path("reachable").asBoolean()).isFalse();
      JsonNode agreement = status.path("agreement");
      assertThat(agreement.path("height").asLong()).isEqualTo(41);
      assertThat(agreement.path("agree").asBoolean()).isTrue();
      assertThat(agreement.path("stateRoots").path("node-1").asText()).isEqualTo(root41);
      assertThat(agreement.path("unreachable").toString()).isEqualTo("[\"node-3\"]");
      assertThat(node.calls("chain_getBlock").get(0).path("params").path("height").asLong())
          .isEqualTo(41);
      assertThat(text.out())
          .contains("node-1", "leader", "42", "bbbbbbbbbbbb", "1m5s")
          .contains("node-2", "follower", "aaaaaaaaaaaa")
          .contains("node-3  unreachable")
          .contains("state roots agree at height 41 (2 of 3 nodes); unreachable: node-3")
          .contains("quotas on node-1:")
          .containsPattern("dex\\s+3/256\\s+1048576 B\\s+1000 ms\\s+7\\s+0\\s+31 ms")
          .contains("no hardware protection");
    }
  }

  /** The queried node-1 at height 42 (root bb..), listing node-2 served by {@code peer}. */
  private void twoNodes(FakeNode peer, long peerHeight, String peerRoot) {
    node.on(
        "network_status",
        p ->
            statusOf(
                self("node-1", node.url().toString(), 42, "bb".repeat(32)),
                "node-2",
                peer.url().toString()));
    peer.on(
        "network_status",
        p -> statusOf(self("node-2", peer.url().toString(), peerHeight, peerRoot)));
  }

  @Test
  void statusDoesNotCallAnUnreadableRootADivergence() throws Exception {
    try (FakeNode peer = FakeNode.start()) {
      twoNodes(peer, 41, "aa".repeat(32));
      node.on(
          "chain_getBlock",
          p -> {
            throw new Failure(-32010, "NOT_FOUND", "no block at height 41");
          });

      CliRunner.Run text = cliOnTerminal("status");

      assertThat(text.out())
          .contains("could not compare every state root at height 41: node-1=unknown")
          .doesNotContain("DIFFER");
    }
  }

  @Test
  void statusSaysWhenStateRootsDiffer() throws Exception {
    try (FakeNode peer = FakeNode.start()) {
      twoNodes(peer, 42, "cc".repeat(32));

      CliRunner.Run json = cli("status");
      CliRunner.Run text = cliOnTerminal("status");

      assertThat(json.json().path("agreement").path("agree").asBoolean()).isFalse();
      assertThat(text.out())
          .contains("STATE ROOTS DIFFER at height 42: node-1=bbbbbbbbbbbb node-2=cccccccccccc");
    }
  }

  @Test
  void blockAsksForTheHeightAndRefusesANegativeOne() {
    node.on(
        "chain_getBlock",
        p -> FakeNode.MAPPER.createObjectNode().put("height", p.path("height").asLong()));

    assertThat(cli("block", "3").json().path("height").asLong()).isEqualTo(3);
    assertThat(cli("block", "-1").exit()).isEqualTo(2);
    assertThat(cli("block", "three").exit()).isEqualTo(2);
  }

  @Test
  void unknownOrMissingCommandsAreUsageErrors() {
    assertThat(cli().exit()).isEqualTo(2);
    assertThat(cli("frobnicate").exit()).isEqualTo(2);
    assertThat(cli("head", "--no-such-option").exit()).isEqualTo(2);
    assertThat(cli("--help").exit()).isZero();
  }
}
