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

  public LocalLog(String memberId, EntryApplier applier) {
    this.memberId = memberId;
    this.applier = applier;
    this.index = applier.lastAppliedIndex();
  }

  @Override
  public synchronized CompletableFuture<byte[]> propose(byte[] entry) {
    try {
      return CompletableFuture.completedFuture(applier.apply(++index, 1, entry));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
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
