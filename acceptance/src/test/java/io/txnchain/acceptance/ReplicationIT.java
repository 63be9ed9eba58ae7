package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.client.sdk.TxnChainClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes started by {@code up --nodes 3}: writes through any node, the leader killed
 * with SIGKILL while clients write, a new leader, the killed node restarted on its data; at the end
 * every node holds every acknowledged transaction and the same state root.
 */
class ReplicationIT {
  @TempDir Path dir;
  private final DataWrites writes = new DataWrites("r");

  @Test
  void survivesTheLeadersDeathAndTheRestartedNodeCatchesUp() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<TxnChainClient> nodes = cluster.clients();
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        acknowledged.add(nodes.get(i % 3).submit(writes.next()).txId());
      }

      int leaderIndex = cluster.leader(0);
      cluster.kill9(leaderIndex);

      List<TxnChainClient> survivors = new ArrayList<>(nodes);
      survivors.remove(leaderIndex);
      for (int i = 0; i < 30; i++) {
        acknowledged.add(LocalCluster.submit(survivors, writes.next()));
      }

      // What an operator sees meanwhile: the killed node unreachable, the others agreeing.
      int survivor = (leaderIndex + 1) % 3;
      Cli cli = new Cli(cluster.url(survivor).toString(), dir.resolve("unused.key"));
      JsonNode down = status(cli);
      assertThat(down.path("agreement").path("unreachable").toString())
          .isEqualTo("[\"node-" + leaderIndex + "\"]");
      assertThat(down.path("agreement").path("stateRoots").size()).isEqualTo(2);
      assertThat(down.path("agreement").path("agree").asBoolean()).as("%s", down).isTrue();

      cluster.restart(leaderIndex);
      for (int i = 0; i < 10; i++) {
        acknowledged.add(LocalCluster.submit(nodes, writes.next()));
      }

      cluster.awaitSameHead();
      for (TxnChainClient node : nodes) {
        for (String id : acknowledged) {
          assertThat(node.result(id).json().get("height").asLong())
              .as("%s on %s", id, node.node())
              .isPositive();
        }
      }
      JsonNode all = status(cli);
      assertThat(all.path("nodes")).hasSize(3).allMatch(n -> n.path("reachable").asBoolean());
      assertThat(all.path("agreement").path("stateRoots").size()).isEqualTo(3);
      assertThat(all.path("agreement").path("agree").asBoolean()).as("%s", all).isTrue();
    }
  }

  private static JsonNode status(Cli cli) throws Exception {
    Cli.Run run = cli.run("status", "--json");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    return new ObjectMapper().readTree(run.stdout());
  }
}
