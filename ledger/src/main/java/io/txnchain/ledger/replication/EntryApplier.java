package io.txnchain.ledger.replication;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the replicated log drives on every node: committed entries, applied one at a time in log
 * order. The node implements it around the ledger state machine; the replication adaptor never
 * interprets an entry.
 */
public interface EntryApplier {

  /**
   * Applies the committed entry at {@code index} and returns the reply for whoever proposed it.
   * Called in strictly increasing index order, never concurrently. Must be deterministic: every
   * replica applying the same entries in the same order produces the same state. Must record {@code
   * index} durably together with the entry's effects, so that {@link #lastAppliedIndex()} is exact
   * after a crash.
   */
  byte[] apply(long index, long term, byte[] entry);

  /** The index of the last entry whose effects are durable (0 before the first). */
  long lastAppliedIndex();

  /** The term of the last applied entry (0 before the first). */
  long lastAppliedTerm();

  /**
   * Writes a consistent copy of the applied state, up to {@link #lastAppliedIndex()}, into the
   * empty directory {@code dir}.
   */
  void writeSnapshot(Path dir) throws IOException;

  /**
   * Replaces the applied state with the snapshot in {@code dir} (as written by {@link
   * #writeSnapshot} on another replica). Called while no entry is being applied.
   */
  void installSnapshot(Path dir) throws IOException;
}
