package io.txnchain.node.log;

import io.txnchain.ledger.replication.EntryApplier;
import io.txnchain.ledger.replication.ReplicatedLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The log of a network of one: an entry is committed as soon as it is applied, since there is no
 * one else to agree with. Durability comes from the applier's synced write.
 */
public final class LocalLog implements ReplicatedLog {
  private final String memberId;
  private final EntryApplier applier;
  private long index;
  private RuntimeException failure;

  public LocalLog(String memberId, EntryApplier applier) {
    this.memberId = memberId;
    this.applier = applier;
    this.index = applier.lastAppliedIndex();
  }

  @Override
  public synchronized CompletableFuture<byte[]> propose(byte[] entry) {
    if (failure != null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the ledger stopped applying entries", failure));
    }
    try {
      return CompletableFuture.completedFuture(applier.apply(index + 1, 1, entry));
    } catch (RuntimeException e) {
      // The applier refuses to go on (tampered state, a halted app): neither can this log, or the
      // next entry would be applied on top of a state that is not what the ledger says.
      failure = e;
      return CompletableFuture.failedFuture(e);
    } finally {
      if (failure == null) {
        index++;
      }
    }
  }

  @Override
  public synchronized boolean healthy() {
    return failure == null;
  }

  @Override
  public String memberId() {
    return memberId;
  }

  @Override
  public String leaderId() {
    return memberId;
  }

  @Override
  public boolean isLeader() {
    return true;
  }

  @Override
  public synchronized List<MemberStatus> members() {
    return List.of(new MemberStatus(memberId, "local", "leader", index));
  }

  @Override
  public void close() {}
}
