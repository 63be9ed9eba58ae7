package io.txnchain.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.client.sdk.ChainHead;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.wire.tx.Transaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A local network started with {@code up --nodes N} as its own process, on a free port range (APIs
 * on {@code base..base+N-1}, Ratis on {@code base+1000..}). Node processes are found by their
 * {@code node-i/node.properties} argument; one can be killed with SIGKILL and restarted by hand on
 * its data, the way docs/replication.md describes; the whole network can be stopped with SIGTERM
 * and started again on the same data and ports. {@link #close()} stops every process it started.
 */
public final class LocalCluster implements AutoCloseable {
  static final String CHAIN = "txnchain-dev";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path data;
  private final int size;
  private final int base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<Integer, ProcessHandle> nodes = new HashMap<>();

  /** Every node process seen, so that none outlives the test. */
  private final List<ProcessHandle> seen = new ArrayList<>();

  private final List<Process> restarted = new ArrayList<>();
  private Process up;
  private int runs;

  private LocalCluster(Path dir, int size, int base) {
    this.dir = dir;
    this.data = dir.resolve("data").toAbsolutePath();
    this.size = size;
    this.base = base;
  }

  /** Starts {@code up --nodes size} with its data under {@code dir} and waits for {@code ready}. */
  public static LocalCluster start(Path dir, int size) throws Exception {
    LocalCluster cluster = new LocalCluster(dir, size, freeBase(size));
    try {
      cluster.up();
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Starts {@code up} (again) on the same data directory and ports; returns once it is ready. */
  void up() throws Exception {
    if (up != null && up.isAlive()) {
      throw new IllegalStateException("up is already running");
    }
    Path log = dir.resolve("up-" + (++runs) + ".log");
    up =
        new ProcessBuilder(
                NodeProcess.javaBin(),
                "-jar",
                jar().toString(),
                "up",
                "--nodes",
                Integer.toString(size),
                "--data",
                data.toString(),
                "--port",
                Integer.toString(base))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    nodes.clear();
    awaitLine(up, log, "ready ");
    for (int i = 0; i < size; i++) {
      ProcessHandle child =
          child(i).orElseThrow(() -> new IllegalStateException("no node process found"));
      nodes.put(i, child);
      seen.add(child);
    }
  }

  public int size() {
    return size;
  }

  public URI url(int node) {
    return URI.create("http://127.0.0.1:" + (base + node));
  }

  public Path data() {
    return data;
  }

  TxnChainClient client(int node) {
    return TxnChainClient.connect(url(node));
  }

  /** A client that gives up on an answer after {@code timeout}. */
  TxnChainClient client(int node, Duration timeout) {
    return new TxnChainClient(url(node), TxnChainClient.defaultHttpClient(), timeout);
  }

  List<TxnChainClient> clients() {
    List<TxnChainClient> clients = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      clients.add(client(i));
    }
    return clients;
  }

  /** The process of node {@code i}: a child of {@code up}, or the one {@link #restart} started. */
  ProcessHandle process(int node) {
    ProcessHandle p = nodes.get(node);
    if (p == null) {
      throw new IllegalStateException("node-" + node + " has no process");
    }
    return p;
  }

  /** The leader's index as the given node reports it, polled until one is known. */
  public int leader(int asSeenBy) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        String leader =
            client(asSeenBy)
                .call("network_status", JSON.createObjectNode())
                .path("leader")
                .asText();
        if (leader.startsWith("node-")) {
          return Integer.parseInt(leader.substring("node-".length()));
        }
      } catch (RuntimeException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("node-" + asSeenBy + " knows no leader", last);
  }

  /** SIGKILL: no shutdown hook runs. Returns once the process has ended. */
  void kill9(int node) throws Exception {
    ProcessHandle p = process(node);
    p.destroyForcibly();
    p.onExit().get(30, TimeUnit.SECONDS);
  }

  /** Restarts a stopped node by hand on its data directory and configuration. */
  void restart(int node) throws Exception {
    if (nodes.containsKey(node) && nodes.get(node).isAlive()) {
      throw new IllegalStateException("node-" + node + " is running");
    }
    Process p =
        new ProcessBuilder(
                NodeProcess.javaBin(),
                "-cp",
                jar().toString(),
                "io.txnchain.node.cli.NodeMain",
                "node",
                "--config",
                config(node).toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    dir.resolve("node-" + node + "-restarted.log").toFile()))
            .start();
    restarted.add(p);
    nodes.put(node, p.toHandle());
    seen.add(p.toHandle());
  }

  /**
   * Starts a node that is not in the network's configuration, as an operator would: a copy of
   * node-1's configuration with its own id, ports and data directory, naming only itself as a
   * replication member, joining through node-0. Stopped like the others.
   */
  void addNode(int node) throws Exception {
    java.util.Properties p = new java.util.Properties();
    try (var r = Files.newBufferedReader(config(1))) {
      p.load(r);
    }
    Path nodeDir = data.resolve("node-" + node);
    Files.createDirectories(nodeDir);
    p.setProperty("node.id", "node-" + node);
    p.setProperty("data.dir", nodeDir.toString());
    p.setProperty("api.port", Integer.toString(base + node));
    p.setProperty("cluster.members", "node-" + node + "=127.0.0.1:" + (base + 1000 + node));
    p.setProperty("cluster.peers", "");
    p.setProperty("cluster.join-url", url(0).toString());
    try (var w = Files.newBufferedWriter(config(node))) {
      p.store(w, "a node added to a running network");
    }
    restart(node);
  }

  /** The HTTP status of the node's {@code /readyz}, or -1 when it does not answer. */
  int readyz(int node) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url(node) + "/readyz"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Polls {@code /readyz} until it answers {@code status}; returns how long that took, or throws
   * after {@code timeout}.
   */
  Duration awaitReadyz(int node, int status, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    int last = readyz(node);
    while (last != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "node-"
                + node
                + " /readyz answered "
                + last
                + ", not "
                + status
                + ", for "
                + timeout
                + "\nits status: "
                + statusOf(node)
                + "\nits log ends:\n"
                + logTail(node, 60));
      }
      Thread.sleep(100);
      last = readyz(node);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private String statusOf(int node) {
    try {
      return client(node, Duration.ofSeconds(5)).call("network_status", null).toString();
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  /** The last {@code lines} lines of a node's log, for a failure message. */
  String logTail(int node, int lines) {
    try {
      // A node restarted by the test logs to a file of its own; one started by up, to its data dir.
      Path restarted = dir.resolve("node-" + node + "-restarted.log");
      Path log =
          Files.exists(restarted) ? restarted : data.resolve("node-" + node).resolve("node.log");
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Waits until every node reports the same height, block hash and state root; returns it. */
  ChainHead awaitSameHead() throws Exception {
    return awaitSameHead(clients());
  }

  static ChainHead awaitSameHead(List<TxnChainClient> nodes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String seen = "";
    while (System.nanoTime() < deadline) {
      try {
        List<ChainHead> heads = new ArrayList<>();
        for (TxnChainClient n : nodes) {
          heads.add(n.head());
        }
        seen = heads.toString();
        if (heads.stream()
                .map(h -> h.height() + "/" + h.hash() + "/" + h.stateRoot())
                .distinct()
                .count()
            == 1) {
          return heads.get(0);
        }
      } catch (RuntimeException e) {
        seen = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("nodes did not converge: " + seen);
  }

  /**
   * Submits through the first node that takes it, retrying (the same bytes) while a leader is
   * elected. A {@code DUPLICATE_TRANSACTION} answer means an earlier attempt landed.
   */
  static String submit(List<TxnChainClient> nodes, Transaction tx) throws Exception {
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

  /**
   * Stops the network cleanly: SIGTERM to {@code up} (which stops its nodes with SIGTERM) and to
   * the nodes restarted by hand. Returns once every node process has ended; fails if one has not
   * within {@code timeout}.
   */
  void stop(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Process p : restarted) {
      p.destroy();
    }
    if (up != null) {
      up.destroy();
    }
    List<ProcessHandle> all = new ArrayList<>(seen);
    if (up != null) {
      all.add(up.toHandle());
    }
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      try {
        p.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("process " + p.pid() + " did not stop within " + timeout, e);
      }
    }
    restarted.clear();
    nodes.clear();
  }

  /** Stops everything still running: SIGTERM, then SIGKILL for what does not stop in time. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(seen);
    for (Process p : restarted) {
      p.destroy();
    }
    if (up != null) {
      up.descendants().forEach(all::add);
      up.destroy();
      if (!up.waitFor(40, TimeUnit.SECONDS)) {
        up.destroyForcibly();
        up.waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (Process p : restarted) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (ProcessHandle p : all) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private Path config(int node) {
    return data.resolve("node-" + node).resolve("node.properties");
  }

  private static Path jar() {
    return NodeProcess.root().resolve("node/target/txnchain-node.jar");
  }

  private Optional<ProcessHandle> child(int node) {
    String marker = config(node).toString();
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

  private static int freeBase(int size) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      // Below Linux's ephemeral range (32768 up): a port there can be taken, between this check
      // and the node's bind, as the local port of any outgoing connection (a CI run lost a node
      // to that on a replication port).
      int base = 20_000 + ThreadLocalRandom.current().nextInt(11_000);
      boolean free = true;
      // One spare pair of ports, for a node that joins later (addNode).
      for (int i = 0; i <= size && free; i++) {
        free = NodeProcess.isFree(base + i) && NodeProcess.isFree(base + 1000 + i);
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free port range");
  }
}
