package io.txnchain.replication;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Real Ratis members in this JVM, on free loopback ports, each with its own storage. */
final class TestCluster implements AutoCloseable {
  static final String NETWORK = "test-network";

  private final Path root;
  private final Map<String, String> peers = new LinkedHashMap<>();
  private final UnaryOperator<RatisLogConfig> tweak;
  private final Map<String, RatisReplicatedLog> running = new LinkedHashMap<>();
  private final Map<String, HashChainApplier> appliers = new LinkedHashMap<>();

  private TestCluster(Path root, int size, UnaryOperator<RatisLogConfig> tweak) throws IOException {
    this.root = root;
    this.tweak = tweak;
    for (int i = 1; i <= size; i++) {
      peers.put("m" + i, "127.0.0.1:" + freePort());
    }
  }

  /** Starts {@code size} members; tests tweak the default configuration (shorter timeouts...). */
  static TestCluster start(Path root, int size, UnaryOperator<RatisLogConfig> tweak)
      throws IOException {
    TestCluster cluster = new TestCluster(root, size, tweak);
    try {
      for (String id : cluster.ids()) {
        cluster.start(id);
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Reserves a port for a member that is not in the group yet; {@link #start} starts it. */
  String reserve(String id) throws IOException {
    String address = "127.0.0.1:" + freePort();
    peers.put(id, address);
    return address;
  }

  List<String> ids() {
    return new ArrayList<>(peers.keySet());
  }

  /** Starts (or restarts, on the same storage) one member with a fresh applier object. */
  RatisReplicatedLog start(String id) throws IOException {
    return start(id, false);
  }

  /** Starts a member the group does not hold yet, as a node that joined a running network does. */
  RatisReplicatedLog startJoining(String id) throws IOException {
    return start(id, true);
  }

  private RatisReplicatedLog start(String id, boolean joining) throws IOException {
    RatisLogConfig config =
        tweak.apply(RatisLogConfig.of(id, NETWORK, peers, root.resolve(id).resolve("raft")));
    HashChainApplier applier = new HashChainApplier(root.resolve(id).resolve("applier"));
    RatisReplicatedLog log =
        joining
            ? RatisReplicatedLog.startJoining(config, applier)
            : RatisReplicatedLog.start(config, applier);
    running.put(id, log);
    appliers.put(id, applier);
    return log;
  }

  /** Closes one member, as a crash would leave it: its storage stays. */
  void stop(String id) {
    RatisReplicatedLog log = running.remove(id);
    if (log != null) {
      log.close();
    }
  }

  RatisReplicatedLog log(String id) {
    return running.get(id);
  }

  HashChainApplier applier(String id) {
    return appliers.get(id);
  }

  Collection<String> runningIds() {
    return new ArrayList<>(running.keySet());
  }

  Path raftDir(String id) {
    return root.resolve(id).resolve("raft").resolve(RatisLogConfig.groupIdFor(NETWORK).toString());
  }

  /** The running member that is leader, once there is one. */
  RatisReplicatedLog awaitLeader(Duration timeout) {
    return await(
        timeout,
        () -> running.values().stream().filter(RatisReplicatedLog::isLeader).findFirst(),
        "a leader among " + running.keySet());
  }

  /** Waits until every given member has applied {@code count} entries with equal hashes. */
  void awaitConverged(Collection<String> ids, int count, Duration timeout) {
    await(
        timeout,
        () -> {
          String first = applier(ids.iterator().next()).hashHex();
          return ids.stream()
              .allMatch(id -> applier(id).size() == count && applier(id).hashHex().equals(first));
        },
        () -> {
          StringBuilder state = new StringBuilder(ids.size() + " members at " + count + ":");
          ids.forEach(
              id ->
                  state
                      .append(' ')
                      .append(id)
                      .append('=')
                      .append(applier(id).size())
                      .append('/')
                      .append(applier(id).hashHex(), 0, 8));
          return state.toString();
        });
  }

  static <T> T await(Duration timeout, Supplier<Optional<T>> probe, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      pause();
    }
  }

  static void await(Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + ": " + state.get());
      }
      pause();
    }
  }

  @Override
  public void close() {
    for (String id : new ArrayList<>(running.keySet())) {
      stop(id);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768 up): members are started one after another,
   * and a port there could meanwhile become the local port of a started member's outgoing
   * connection.
   */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port below 32000");
  }
}
