package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.TxnChainClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: the replication group follows governance. A fourth node, not in the network's
 * configuration, is started with {@code node --join}: it is admitted, added to the replication
 * group, catches up, serves writes and appears in every node's directory of peers. Governance then
 * removes it ({@code gov propose remove-node}): the leader drops it from the group, the three
 * others keep committing, and it receives nothing more. A joiner is also added when the node that
 * admitted it dies before adding it.
 */
class MembershipIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final DataWrites writes = new DataWrites("m");

  private static JsonNode status(TxnChainClient c) {
    return c.call("network_status", JsonNodeFactory.instance.objectNode());
  }

  private static List<String> members(TxnChainClient c) {
    List<String> ids = new ArrayList<>();
    for (JsonNode m : status(c).path("replication")) {
      if (!m.path("role").asText().equals("NOT_A_MEMBER")) {
        ids.add(m.path("id").asText());
      }
    }
    return ids;
  }

  private static void await(String what, TxnChainClient c, Predicate<TxnChainClient> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        if (condition.test(c)) {
          return;
        }
      } catch (RuntimeException e) {
        // not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  @Test
  void aJoinedNodeBecomesAMemberAndGovernanceRemovesIt() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<TxnChainClient> three = cluster.clients();
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        acknowledged.add(three.get(i % 3).submit(writes.next()).txId());
      }

      cluster.addNode(3);
      TxnChainClient fourth = cluster.client(3);
      await(
          "node-3 in node-0's replication group",
          three.get(0),
          c -> members(c).equals(List.of("node-0", "node-1", "node-2", "node-3")));
      await(
          "node-3 a member in its own view",
          fourth,
          c -> status(c).at("/nodes/0/member").asBoolean());
      // Registered in the directory: the other nodes poll it as a peer.
      await(
          "node-3 among node-1's peers",
          three.get(1),
          c -> status(c).path("peers").findValuesAsText("id").contains("node-3"));

      acknowledged.add(fourth.submit(writes.next()).txId());
      List<TxnChainClient> all = new ArrayList<>(three);
      all.add(fourth);
      LocalCluster.awaitSameHead(all);
      for (String id : acknowledged) {
        assertThat(fourth.result(id)).as("%s on node-3", id).isNotNull();
      }

      String identity = Hex.toHexString(fourth.evidence(null).identityKey());
      Path memberKey = cluster.data().resolve("member.key");
      Cli.Run removal =
          new Cli(cluster.url(0).toString(), memberKey)
              .run(
                  "gov",
                  "propose",
                  "remove-node",
                  "--identity-key",
                  identity,
                  "--key",
                  memberKey.toString());
      assertThat(removal.exitCode()).as(removal.stderr()).isZero();
      await(
          "node-3 out of node-0's replication group",
          three.get(0),
          c -> members(c).equals(List.of("node-0", "node-1", "node-2")));

      long fourthHeight = fourth.head().height();
      for (int i = 0; i < 10; i++) {
        acknowledged.add(LocalCluster.submit(three, writes.next()));
      }
      LocalCluster.awaitSameHead(three);
      assertThat(three.get(0).head().height()).isGreaterThan(fourthHeight);
      // Removed: it applies nothing the group commits after its removal.
      String last = acknowledged.get(acknowledged.size() - 1);
      assertThatThrownBy(() -> fourth.result(last))
          .isInstanceOfSatisfying(
              RpcErrorException.class, e -> assertThat(e.name()).isEqualTo("NOT_FOUND"));
      for (String id : acknowledged) {
        assertThat(three.get(2).result(id)).as("%s on node-2", id).isNotNull();
      }
    }
  }

  /**
   * The request to add a joiner lives on the ledger (its directory entry), not in the memory of the
   * node that answered its join: that node is killed the moment the joiner has the network keys,
   * before the joiner's replication even started, and the joiner still becomes a member through the
   * leader of the two that remain.
   */
  @Test
  void aJoinerIsAddedAfterTheNodeThatAdmittedItDies() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<TxnChainClient> three = cluster.clients();
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        acknowledged.add(three.get(i % 3).submit(writes.next()).txId());
      }

      cluster.addNode(3);
      Path joined = cluster.data().resolve("node-3").resolve("enclave").resolve("joined");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!Files.exists(joined)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("node-3 did not join within " + WAIT);
        }
        Thread.sleep(20);
      }
      // node-0 answered the join (addNode joins through it).
      cluster.kill9(0);

      List<TxnChainClient> survivors = List.of(three.get(1), three.get(2));
      await(
          "node-3 in node-1's replication group",
          three.get(1),
          c -> members(c).equals(List.of("node-0", "node-1", "node-2", "node-3")));
      TxnChainClient fourth = cluster.client(3);
      await(
          "node-3 a member in its own view",
          fourth,
          c -> status(c).at("/nodes/0/member").asBoolean());
      acknowledged.add(LocalCluster.submit(List.of(fourth), writes.next()));
      acknowledged.add(LocalCluster.submit(survivors, writes.next()));

      cluster.restart(0);
      cluster.awaitReadyz(0, 200, WAIT);
      List<TxnChainClient> all = new ArrayList<>(three);
      all.add(fourth);
      LocalCluster.awaitSameHead(all);
      for (TxnChainClient node : all) {
        for (String id : acknowledged) {
          assertThat(node.result(id).height()).as("%s on %s", id, node.node()).isPositive();
        }
      }
    }
  }
}
