package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.sdk.ChainHead;
import io.txnchain.client.sdk.NodeUnreachableException;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.SubmitResult;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.wire.tx.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, test 2: with two of three nodes down (the leader among them), a write to the remaining
 * node is never acknowledged and the node does not claim readiness; when the two return, the same
 * write (same bytes) lands exactly once and the three nodes converge with every acknowledged
 * transaction.
 */
class MinorityIT {
  /** How long the node may keep claiming readiness after losing the majority. */
  private static final Duration NOT_READY_WITHIN = Duration.ofSeconds(10);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final DataWrites writes = new DataWrites("m");

  @Test
  void aMinorityCannotCommitAndServiceResumesWhenTheNodesReturn() throws Exception {
    scenario(false);
  }

  @Test
  void theNodeThatWasAloneTakesWritesAgainWhenTheOthersReturn() throws Exception {
    scenario(true);
  }

  /**
   * @param throughSurvivor retry the un-acknowledged write, and write afterwards, through the node
   *     that stayed up rather than through any node
   */
  private void scenario(boolean throughSurvivor) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<TxnChainClient> nodes = cluster.clients();
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        acknowledged.add(nodes.get(i % 3).submit(writes.next()).txId());
      }

      cluster.awaitSameHead();
      int leader = cluster.leader(0);
      int follower = (leader + 1) % 3;
      int survivor = (leader + 2) % 3;
      cluster.kill9(leader);
      cluster.kill9(follower);

      // The write goes in while the survivor may still believe in the old leader.
      Transaction pending = writes.next();
      TxnChainClient impatient = cluster.client(survivor, Duration.ofSeconds(15));
      CompletableFuture<SubmitResult> write =
          CompletableFuture.supplyAsync(() -> impatient.submit(pending));

      Duration untilNotReady = cluster.awaitReadyz(survivor, 503, NOT_READY_WITHIN);
      // Measured once the survivor knows it is alone: until the kills, the majority could still
      // commit (the nodes' own header signatures, for one), and that is not a minority commit.
      long before = nodes.get(survivor).head().height();
      List<Integer> whileWriting = new ArrayList<>();
      long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!write.isDone() && System.nanoTime() < bound) {
        whileWriting.add(cluster.readyz(survivor));
        Thread.sleep(250);
      }
      Throwable failure = failureOf(write);
      assertThat(failure)
          .as("a write to a minority must not be acknowledged (readyz 503 after %s)", untilNotReady)
          .isInstanceOfAny(RpcErrorException.class, NodeUnreachableException.class);
      if (failure instanceof RpcErrorException e) {
        assertThat(e.name()).isNotEqualTo("DUPLICATE_TRANSACTION");
      }
      whileWriting.add(cluster.readyz(survivor));
      assertThat(whileWriting)
          .as("/readyz of node-%d while it is alone", survivor)
          .containsOnly(503);
      assertThat(nodes.get(survivor).head().height())
          .as("nothing committed without a majority")
          .isEqualTo(before);

      cluster.restart(leader);
      cluster.restart(follower);
      List<TxnChainClient> retryThrough = throughSurvivor ? List.of(nodes.get(survivor)) : nodes;
      // Same bytes, same client id: it lands now, or it had landed (DUPLICATE_TRANSACTION).
      String pendingId = LocalCluster.submit(retryThrough, pending);
      assertThat(pendingId).isEqualTo(pending.id());
      for (int i = 0; i < 6; i++) {
        acknowledged.add(LocalCluster.submit(retryThrough, writes.next()));
      }

      for (int i = 0; i < 3; i++) {
        cluster.awaitReadyz(i, 200, Duration.ofSeconds(30));
      }
      ChainHead head = cluster.awaitSameHead();
      for (TxnChainClient node : nodes) {
        Map<String, Integer> occurrences = occurrences(node, head.height());
        for (String id : acknowledged) {
          assertThat(node.result(id).json().get("height").asLong())
              .as("%s on %s", id, node.node())
              .isPositive();
          assertThat(occurrences.get(id)).as("%s in the blocks of %s", id, node.node()).isOne();
        }
        assertThat(occurrences.get(pending.id()))
            .as("the retried write in the blocks of %s", node.node())
            .isOne();
      }
    }
  }

  /** How often each transaction id appears in blocks 1..height of one node. */
  private static Map<String, Integer> occurrences(TxnChainClient node, long height) {
    Map<String, Integer> counts = new HashMap<>();
    for (long h = 1; h <= height; h++) {
      for (JsonNode id : node.block(h).get("transactions")) {
        counts.merge(id.asText(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static Throwable failureOf(CompletableFuture<SubmitResult> write) throws Exception {
    try {
      SubmitResult acknowledged = write.get(30, TimeUnit.SECONDS);
      throw new AssertionError("a minority acknowledged a write: " + acknowledged);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
