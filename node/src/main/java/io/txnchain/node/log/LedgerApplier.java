package io.txnchain.node.log;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.BatchCodec;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.ledger.replication.EntryApplier;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.LedgerStoreException;
import io.txnchain.wire.codec.WireFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies committed log entries (encoded batches) to the ledger: the enclave's state machine
 * computes the block, the store writes it together with the entry's log position.
 */
public final class LedgerApplier implements EntryApplier {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerApplier.class);
  private final LedgerStateMachine machine;
  private final LedgerStore store;
  private final Timer commitTimer;
  private final DistributionSummary blockSize;

  private final AppliedHeight appliedHeight;
  private volatile Consumer<BlockCommit> listener = c -> {};

  public LedgerApplier(LedgerStateMachine machine, LedgerStore store, MeterRegistry metrics) {
    this.machine = machine;
    this.store = store;
    this.appliedHeight = new AppliedHeight(store.head().height());
    this.commitTimer = Timer.builder("txnchain.block.commit").register(metrics);
    this.blockSize = DistributionSummary.builder("txnchain.block.transactions").register(metrics);
  }

  @Override
  public byte[] apply(long index, long term, byte[] entry) {
    long start = System.nanoTime();
    Batch batch;
    try {
      batch = BatchCodec.decode(entry);
    } catch (WireFormatException e) {
      // Every replica reads the same bytes the same way, so skipping is deterministic; only a
      // faulty or hostile proposer can produce this.
      LOG.warn("log entry {} is not a batch ({}); applied as empty", index, e.getMessage());
      batch = new Batch(0, List.of());
    }
    BlockCommit commit = machine.apply(batch);
    try {
      store.commit(commit, index, term);
    } catch (LedgerStoreException e) {
      throw new IllegalStateException("cannot store the block of log entry " + index, e);
    }
    commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    blockSize.record(commit.records().size());
    listener.accept(commit);
    long height = commit.hasBlock() ? commit.header().height() : store.head().height();
    appliedHeight.advance(height);
    return BatchCodec.encodeResult(new BatchCodec.Result(height, commit.outcomes()));
  }

  /** Called with every stored block, on the applying thread, before waiters are woken. */
  public void onCommit(Consumer<BlockCommit> listener) {
    this.listener = listener;
  }

  /** The height this node has applied, to wait on. */
  public AppliedHeight appliedHeight() {
    return appliedHeight;
  }

  @Override
  public long lastAppliedIndex() {
    return store.applied()[0];
  }

  @Override
  public long lastAppliedTerm() {
    return store.applied()[1];
  }

  @Override
  public void writeSnapshot(Path dir) throws IOException {
    try {
      store.checkpoint(dir.resolve("ledger"));
    } catch (LedgerStoreException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Replaces the ledger with another replica's checkpoint and continues from its head. Private
   * values in it are sealed under the network's key, which this enclave holds too.
   */
  @Override
  public void installSnapshot(Path dir) throws IOException {
    try {
      store.replaceWith(dir.resolve("ledger"));
    } catch (LedgerStoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    machine.resetHead(store.head());
    appliedHeight.advance(store.head().height());
    LOG.info("installed a snapshot at height {}", store.head().height());
  }
}
