package io.txnchain.replication;

import io.txnchain.ledger.replication.EntryApplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Informal throughput measurement, not a test: proposals per second for 1 and 3 members, with
 * single-record entries and with entries carrying 100 records, interleaved in one JVM. Every
 * running member proposes, each with a bounded window of proposals in flight.
 *
 * <p>Arguments: measured seconds per run (default 5), rounds (default 2).
 */
public final class ThroughputProbe {
  private static final int RECORD_BYTES = 200;
  private static final int WINDOW_PER_MEMBER = 128;

  private ThroughputProbe() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    for (int round = 1; round <= rounds; round++) {
      for (int members : new int[] {1, 3}) {
        for (int records : new int[] {1, 100}) {
          run(round, members, records, seconds);
        }
      }
    }
    latency(3, 300);
  }

  private static void run(int round, int members, int records, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("ratis-probe");
    List<RatisReplicatedLog> logs = start(dir, members);
    try {
      awaitLeader(logs);
      byte[] entry = new byte[RECORD_BYTES * records];
      Arrays.fill(entry, (byte) 7);
      drive(logs, entry, Duration.ofSeconds(1), new AtomicLong());
      AtomicLong failed = new AtomicLong();
      long done = drive(logs, entry, Duration.ofSeconds(seconds), failed);
      double perSecond = done / (double) seconds;
      System.out.printf(
          "RESULT round=%d members=%d records/entry=%d entry=%dB: %.0f entries/s, %.0f records/s"
              + " (%d failed)%n",
          round, members, records, entry.length, perSecond, perSecond * records, failed.get());
    } finally {
      logs.forEach(RatisReplicatedLog::close);
    }
  }

  /** Sequential proposals, one at a time, from the leader: the latency of a single commit. */
  private static void latency(int members, int count) throws Exception {
    Path dir = Files.createTempDirectory("ratis-probe");
    List<RatisReplicatedLog> logs = start(dir, members);
    try {
      RatisReplicatedLog leader = awaitLeader(logs);
      long[] nanos = new long[count];
      for (int i = 0; i < count; i++) {
        long t = System.nanoTime();
        leader.propose(new byte[RECORD_BYTES]).get(30, TimeUnit.SECONDS);
        nanos[i] = System.nanoTime() - t;
      }
      Arrays.sort(nanos);
      System.out.printf(
          "RESULT one-at-a-time members=%d: p50 %.1f ms, p99 %.1f ms%n",
          members, nanos[count / 2] / 1e6, nanos[count * 99 / 100] / 1e6);
    } finally {
      logs.forEach(RatisReplicatedLog::close);
    }
  }

  private static long drive(
      List<RatisReplicatedLog> logs, byte[] entry, Duration duration, AtomicLong failed)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    List<Thread> proposers = new ArrayList<>();
    for (RatisReplicatedLog log : logs) {
      Thread t =
          new Thread(
              () -> {
                Semaphore window = new Semaphore(WINDOW_PER_MEMBER);
                while (System.nanoTime() < deadline) {
                  window.acquireUninterruptibly();
                  log.propose(entry)
                      .whenComplete(
                          (reply, error) -> {
                            if (error != null) {
                              failed.incrementAndGet();
                            } else if (System.nanoTime() < deadline) {
                              done.incrementAndGet();
                            }
                            window.release();
                          });
                }
                window.acquireUninterruptibly(WINDOW_PER_MEMBER);
              });
      t.start();
      proposers.add(t);
    }
    for (Thread t : proposers) {
      t.join();
    }
    return done.get();
  }

  private static List<RatisReplicatedLog> start(Path dir, int members) throws Exception {
    Map<String, String> peers = new LinkedHashMap<>();
    for (int i = 1; i <= members; i++) {
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        peers.put("m" + i, "127.0.0.1:" + s.getLocalPort());
      }
    }
    List<RatisReplicatedLog> logs = new ArrayList<>();
    for (String id : peers.keySet()) {
      RatisLogConfig config = RatisLogConfig.of(id, "probe", peers, dir.resolve(id));
      logs.add(RatisReplicatedLog.start(config, new CountingApplier()));
    }
    return logs;
  }

  private static RatisReplicatedLog awaitLeader(List<RatisReplicatedLog> logs) {
    return TestCluster.await(
        Duration.ofSeconds(20),
        () -> logs.stream().filter(RatisReplicatedLog::isLeader).findFirst(),
        "a leader");
  }

  /** Applies nothing but the index, so that the replication itself is what is measured. */
  private static final class CountingApplier implements EntryApplier {
    private volatile long index;
    private volatile long term;

    @Override
    public byte[] apply(long index, long term, byte[] entry) {
      this.index = index;
      this.term = term;
      return new byte[0];
    }

    @Override
    public long lastAppliedIndex() {
      return index;
    }

    @Override
    public long lastAppliedTerm() {
      return term;
    }

    @Override
    public void writeSnapshot(Path dir) throws java.io.IOException {
      Files.writeString(dir.resolve("index"), index + " " + term);
    }

    @Override
    public void installSnapshot(Path dir) throws java.io.IOException {
      String[] parts = Files.readString(dir.resolve("index")).split(" ");
      index = Long.parseLong(parts[0]);
      term = Long.parseLong(parts[1]);
    }
  }
}
