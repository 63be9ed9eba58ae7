package io.txnchain.node.sequencer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.ledger.machine.TxOutcome;
import io.txnchain.ledger.store.LedgerStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders submitted transactions into batches and commits them: one thread takes whatever is queued
 * (up to the batch limit), has the enclave apply it as one block, stores the block with one synced
 * write, then answers every submitter of the batch. Batching is the group commit that turns one
 * fsync per transaction into one per block.
 *
 * <p>Ordering guarantee: transactions are applied in the order {@link #submit} accepted them.
 */
public final class Sequencer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);

  private record Pending(byte[] tx, CompletableFuture<Committed> done) {}

  private final LedgerStateMachine machine;
  private final LedgerStore store;
  private final Clock clock;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private final Timer applyTimer;
  private final DistributionSummary batchSize;
  private final Counter recorded;
  private final Counter rejected;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public Sequencer(
      LedgerStateMachine machine,
      LedgerStore store,
      Clock clock,
      int maxBatch,
      int maxQueued,
      MeterRegistry metrics) {
    this.machine = machine;
    this.store = store;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(maxQueued);
    this.applyTimer = Timer.builder("txnchain.block.commit").register(metrics);
    this.batchSize = DistributionSummary.builder("txnchain.block.transactions").register(metrics);
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
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable t) {
        // A block that cannot be applied or stored leaves memory and disk out of step: stop
        // taking work rather than acknowledge anything further.
        failure = t;
        LOG.error("sequencer stopped: the block could not be committed", t);
        for (Pending p : batch) {
          p.done().completeExceptionally(t);
        }
        break;
      } finally {
        batch.clear();
      }
    }
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done().completeExceptionally(new IllegalStateException("the node is shutting down"));
    }
  }

  private void commit(List<Pending> pending) throws Exception {
    List<byte[]> txs = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      txs.add(p.tx());
    }
    long start = System.nanoTime();
    BlockCommit commit = machine.apply(new Batch(clock.millis(), txs));
    store.commit(commit);
    applyTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    long height = commit.hasBlock() ? commit.header().height() : store.head().height();
    batchSize.record(commit.records().size());
    for (int i = 0; i < pending.size(); i++) {
      TxOutcome outcome = commit.outcomes().get(i);
      (outcome.isRecorded() ? recorded : rejected).increment();
      pending.get(i).done().complete(new Committed(outcome, height));
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
