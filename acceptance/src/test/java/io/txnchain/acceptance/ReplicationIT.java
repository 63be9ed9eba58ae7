package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.client.sdk.ChainHead;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes started by {@code up --nodes 3}: writes through any node, the leader killed
 * with SIGKILL while clients write, a new leader, the killed node restarted on its data; at the end
 * every node holds every acknowledged transaction and the same state root.
 */
class ReplicationIT {
  private static final String CHAIN = "txnchain-dev";
  @TempDir Path dir;
  private final Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
  private int counter;

  private static int freeBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
      if (free(base)
          && free(base + 1)
          && free(base + 2)
          && free(base + 1000)
          && free(base + 1001)
          && free(base + 1002)) {
        return base;
      }
    }
    throw new IOException("no free port range");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Transaction next() {
    return Transactions.data(
        CHAIN, "r-" + (++counter), ("tx " + counter).getBytes(StandardCharsets.UTF_8), false, key);
  }

  /** Submits through the first node that takes it, retrying while a leader is elected. */
  private static String submit(List<TxnChainClient> nodes, Transaction tx) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      for (TxnChainClient c : nodes) {
        try {
          return c.submit(tx).txId();
        } catch (RpcErrorException e) {
          if ("DUPLICATE_TRANSACTION".equals(e.name())) {
            return tx.id();
          }
          last = e;
        } catch (RuntimeException e) {
          last = e;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no node acknowledged " + tx.id(), last);
  }

  @Test
  void survivesTheLeadersDeathAndTheRestartedNodeCatchesUp() throws Exception {
    int base = freeBase();
    Path data = dir.resolve("data");
    Path log = dir.resolve("up.log");
    Process up =
        new ProcessBuilder(
                NodeProcess.javaBin(),
                "-jar",
                NodeProcess.root().resolve("node/target/txnchain-node.jar").toString(),
                "up",
                "--nodes",
                "3",
                "--data",
                data.toString(),
                "--port",
                Integer.toString(base))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Process restarted = null;
    try {
      awaitLine(up, log, "ready ");
      List<TxnChainClient> nodes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        nodes.add(TxnChainClient.connect(URI.create("http://127.0.0.1:" + (base + i))));
      }
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        acknowledged.add(nodes.get(i % 3).submit(next()).txId());
      }

      String leader =
          nodes
              .get(0)
              .call(
                  "network_status",
                  new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())
              .get("leader")
              .asText();
      int leaderIndex = Integer.parseInt(leader.substring("node-".length()));
      ProcessHandle leaderProcess = child(up, "node-" + leaderIndex).orElseThrow();
      leaderProcess.destroyForcibly();
      leaderProcess.onExit().get(30, TimeUnit.SECONDS);

      List<TxnChainClient> survivors = new ArrayList<>(nodes);
      survivors.remove(leaderIndex);
      for (int i = 0; i < 30; i++) {
        acknowledged.add(submit(survivors, next()));
      }

      Path config = data.resolve("node-" + leaderIndex).resolve("node.properties").toAbsolutePath();
      restarted =
          new ProcessBuilder(
                  NodeProcess.javaBin(),
                  "-cp",
                  NodeProcess.root().resolve("node/target/txnchain-node.jar").toString(),
                  "io.txnchain.node.cli.NodeMain",
                  "node",
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("restarted.log").toFile()))
              .start();
      for (int i = 0; i < 10; i++) {
        acknowledged.add(submit(nodes, next()));
      }

      awaitSameHead(nodes);
      for (TxnChainClient node : nodes) {
        for (String id : acknowledged) {
          assertThat(node.result(id).json().get("height").asLong())
              .as("%s on %s", id, node.node())
              .isPositive();
        }
      }
    } finally {
      if (restarted != null) {
        restarted.destroy();
        restarted.waitFor(20, TimeUnit.SECONDS);
        restarted.destroyForcibly();
      }
      up.destroy();
      if (!up.waitFor(40, TimeUnit.SECONDS)) {
        up.descendants().forEach(ProcessHandle::destroyForcibly);
        up.destroyForcibly();
      }
    }
  }

  private static Optional<ProcessHandle> child(Process up, String nodeId) {
    String marker = nodeId + "/node.properties";
    return up.children()
        .filter(
            p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .findFirst();
  }

  private static void awaitLine(Process p, Path log, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)
          && Files.readAllLines(log).stream().anyMatch(l -> l.startsWith(prefix))) {
        return;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("up exited:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("up was not ready:\n" + Files.readString(log));
  }

  private static void awaitSameHead(List<TxnChainClient> nodes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String seen = "";
    while (System.nanoTime() < deadline) {
      try {
        List<ChainHead> heads = new ArrayList<>();
        for (TxnChainClient n : nodes) {
          heads.add(n.head());
        }
        seen = heads.toString();
        if (heads.stream().map(h -> h.height() + "/" + h.stateRoot()).distinct().count() == 1) {
          return;
        }
      } catch (RuntimeException e) {
        seen = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("nodes did not converge: " + seen);
  }
}
