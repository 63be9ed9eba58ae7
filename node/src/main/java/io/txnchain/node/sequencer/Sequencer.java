package io.txnchain.node.sequencer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.BatchCodec;
import io.txnchain.ledger.machine.TxOutcome;
import io.txnchain.ledger.replication.ReplicatedLog;
import io.txnchain.wire.codec.WireFormatException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups submitted transactions into batches and proposes each batch as one entry of the replicated
 * log: whatever is queued when the previous proposal left (up to the batch limit) becomes the next
 * batch. When the entry is committed and applied, every submitter of the batch gets its outcome.
 * Batching is the group commit that turns one log write (and fsync) per transaction into one per
 * block.
 *
 * <p>Ordering guarantee: transactions submitted to this node are proposed in the order {@link
 * #submit} accepted them; a few batches may be in flight at once, and the log keeps their order.
 */
public final class Sequencer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  private static final int MAX_IN_FLIGHT = 4;

  private record Pending(byte[] tx, CompletableFuture<Committed> done) {}

  private final ReplicatedLog log;
  private final Clock clock;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final Thread thread;
  private final Counter recorded;
  private final Counter rejected;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public Sequencer(
      ReplicatedLog log, Clock clock, int maxBatch, int maxQueued, MeterRegistry metrics) {
    this.log = log;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(maxQueued);
    this.recorded = Counter.builder("txnchain.tx").tag("outcome", "recorded").register(metrics);
    this.rejected = Counter.builder("txnchain.tx").tag("outcome", "rejected").register(metrics);
    this.thread = new Thread(this::run, "sequencer");
    this.thread.start();
  }

  /**
   * Queues a transaction.
   *
   * @return a future completed once the transaction's block is stored, or when it is rejected;
   *     {@code null} if the queue is full
   */
  public CompletableFuture<Committed> submit(byte[] tx) {
    CompletableFuture<Committed> done = new CompletableFuture<>();
    if (failure != null || !running) {
      done.completeExceptionally(new IllegalStateException("the sequencer has stopped"));
      return done;
    }
    return queue.offer(new Pending(tx, done)) ? done : null;
  }

  /** True while the sequencer can accept and commit transactions. */
  public boolean healthy() {
    return running && failure == null;
  }

  private void run() {
    while (running) {
      List<Pending> batch = new ArrayList<>();
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        inFlight.acquire();
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        propose(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done().completeExceptionally(new IllegalStateException("the node is shutting down"));
    }
  }

  private void propose(List<Pending> pending) {
    List<byte[]> txs = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      txs.add(p.tx());
    }
    CompletableFuture<byte[]> reply;
    try {
      reply = log.propose(BatchCodec.encode(new Batch(clock.millis(), txs)));
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete(
        (bytes, error) -> {
          inFlight.release();
          if (error != null) {
            fail(pending, error);
            return;
          }
          BatchCodec.Result result;
          try {
            result = BatchCodec.decodeResult(bytes);
          } catch (WireFormatException e) {
            fail(pending, e);
            return;
          }
          for (int i = 0; i < pending.size(); i++) {
            TxOutcome outcome = result.outcomes().get(i);
            (outcome.isRecorded() ? recorded : rejected).increment();
            pending.get(i).done().complete(new Committed(outcome, result.height()));
          }
        });
  }

  private void fail(List<Pending> pending, Throwable error) {
    // A batch that was not committed is not acknowledged: its submitters get an error and may
    // retry with the same client ids, which the ledger deduplicates.
    LOG.warn("a batch of {} transactions was not committed: {}", pending.size(), error.toString());
    for (Pending p : pending) {
      p.done().completeExceptionally(error);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
