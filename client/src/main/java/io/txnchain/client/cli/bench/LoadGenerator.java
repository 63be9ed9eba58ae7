package io.txnchain.client.cli.bench;

import io.txnchain.client.sdk.NodeUnreachableException;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.RpcOutcome;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UnexpectedResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends pre-encoded batches with a fixed number of requests in flight: each answer launches the
 * next batch, so the node always has {@code concurrency} requests to work on and the client never
 * queues more than that.
 */
public final class LoadGenerator {
  /** The error key of a batch that never reached the node. */
  public static final String UNREACHABLE = "UNREACHABLE";

  private final TxnChainClient client;
  private final List<byte[]> bodies;
  private final int[] sizes;
  private final int concurrency;
  private final long[] latencyNanos;
  private final boolean[] answered;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> examples = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong lastAnswerNanos = new AtomicLong();

  private final AnswerListener listener;

  /** Sees each batch's answers; called on the generator's single driver thread. */
  @FunctionalInterface
  public interface AnswerListener {
    void answered(int batch, List<RpcOutcome> outcomes);
  }

  public LoadGenerator(TxnChainClient client, SignedLoad load, int concurrency) {
    this(client, load.bodies(), load.batchSizes(), concurrency, null);
  }

  /**
   * Sends {@code bodies} (encoded JSON-RPC batches of {@code sizes[i]} calls each).
   *
   * @param listener sees every answered batch's outcomes; may be null
   */
  public LoadGenerator(
      TxnChainClient client,
      List<byte[]> bodies,
      int[] sizes,
      int concurrency,
      AnswerListener listener) {
    this.client = client;
    this.bodies = List.copyOf(bodies);
    this.sizes = sizes.clone();
    this.concurrency = concurrency;
    this.latencyNanos = new long[bodies.size()];
    this.answered = new boolean[bodies.size()];
    this.listener = listener;
  }

  /** Transactions whose batch has been answered or has failed, for progress display. */
  public long completed() {
    return completed.sum();
  }

  public long failed() {
    return failed.sum();
  }

  /** Sends every batch and waits for the last answer. */
  public LoadResult run() throws InterruptedException {
    // Answers are booked and the next batch launched on one thread: no recursion when a future is
    // already complete, and the arrays need no further synchronisation than the latch gives.
    ExecutorService driver =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "txnchain-bench");
              t.setDaemon(true);
              return t;
            });
    int lanes = Math.min(concurrency, bodies.size());
    CountDownLatch done = new CountDownLatch(lanes);
    long start = System.nanoTime();
    lastAnswerNanos.set(start);
    try {
      for (int i = 0; i < lanes; i++) {
        driver.execute(() -> launch(driver, done));
      }
      done.await();
    } finally {
      driver.shutdownNow();
    }
    Map<String, Long> byCode = new TreeMap<>();
    errors.forEach((k, v) -> byCode.put(k, v.sum()));
    LatencySummary latency;
    synchronized (this) {
      latency = LatencySummary.ofBatches(latencyNanos, sizes, answered);
    }
    return new LoadResult(
        accepted.sum(),
        failed.sum(),
        byCode,
        new TreeMap<>(examples),
        Duration.ofNanos(lastAnswerNanos.get() - start),
        latency);
  }

  private void launch(ExecutorService driver, CountDownLatch done) {
    int b = (int) next.getAndIncrement();
    if (b >= bodies.size()) {
      done.countDown();
      return;
    }
    long sent = System.nanoTime();
    client
        .sendBatchAsync(bodies.get(b))
        .whenComplete(
            (outcomes, failure) -> {
              long end = System.nanoTime();
              driver.execute(
                  () -> {
                    book(b, end - sent, outcomes, failure);
                    lastAnswerNanos.accumulateAndGet(end, Math::max);
                    launch(driver, done);
                  });
            });
  }

  private synchronized void book(int b, long nanos, List<RpcOutcome> outcomes, Throwable failure) {
    latencyNanos[b] = nanos;
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      answered[b] = cause instanceof RpcErrorException;
      error(key(cause), cause.getMessage(), sizes[b]);
    } else {
      answered[b] = true;
      if (listener != null) {
        listener.answered(b, outcomes);
      }
      int ok = 0;
      int refused = 0;
      for (RpcOutcome o : outcomes) {
        if (o.ok()) {
          ok++;
        } else {
          refused++;
          error(o.error().code() + " " + o.error().name(), o.error().getMessage(), 1);
        }
      }
      accepted.add(ok);
      if (ok + refused < sizes[b]) {
        error("NO_ANSWER", "the batch answer lacks some calls", sizes[b] - ok - refused);
      }
    }
    completed.add(sizes[b]);
  }

  private void error(String key, String message, long n) {
    errors.computeIfAbsent(key, k -> new LongAdder()).add(n);
    examples.putIfAbsent(key, message == null ? "" : message);
    failed.add(n);
  }

  private static String key(Throwable cause) {
    if (cause instanceof RpcErrorException e) {
      return e.code() + " " + e.name();
    }
    if (cause instanceof NodeUnreachableException) {
      return UNREACHABLE;
    }
    if (cause instanceof UnexpectedResponseException) {
      return "UNEXPECTED_RESPONSE";
    }
    return cause.getClass().getSimpleName();
  }
}
