package io.txnchain.replication;

import io.txnchain.ledger.replication.EntryApplier;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine that feeds committed entries to an {@link EntryApplier}.
 *
 * <p>Only state-machine entries reach {@link #applyTransaction}; Ratis' own entries (leader no-ops,
 * configurations) only advance the last applied term-index. The applier's durable index is
 * authoritative: Ratis replays its log from the latest snapshot on every start, and entries the
 * applier already holds are skipped rather than applied twice.
 *
 * <p>Snapshots are taken at the applier's last applied entry (a real log entry, so its term-index
 * is one Ratis can check followers against) and installed through {@link #pause()} and {@link
 * #reinitialize()}, which Ratis calls when a leader has shipped one.
 */
final class ApplierStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(ApplierStateMachine.class);
  private static final Message EMPTY = Message.valueOf(ByteString.EMPTY);

  private final EntryApplier applier;
  private final SnapshotStore snapshots = new SnapshotStore();

  /** Serialises applying, snapshotting and installing; pausing waits for whichever is running. */
  private final ReentrantLock lock = new ReentrantLock();

  /** The applier's last applied index: entries at or below it are already durable there. */
  private volatile long durableIndex;

  /**
   * The highest index Ratis has handed us, applied or not. A snapshot may not cover more than Ratis
   * has processed, which matters while a restarted member replays entries it already holds.
   */
  private volatile long processedIndex = RaftLog.INVALID_LOG_INDEX;

  ApplierStateMachine(EntryApplier applier) {
    this.applier = applier;
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage)
      throws IOException {
    super.initialize(server, groupId, storage);
    getLifeCycle()
        .startAndTransition(
            () -> {
              snapshots.init(storage);
              SnapshotStore.Snapshot latest = snapshots.latest();
              // Ratis starts replaying right after its latest snapshot.
              processedIndex = latest == null ? RaftLog.INVALID_LOG_INDEX : latest.index();
              if (latest != null && latest.index() > applier.lastAppliedIndex()) {
                // The applier lost state the log no longer holds (purged up to the snapshot).
                install(latest);
              } else {
                durableIndex = applier.lastAppliedIndex();
                if (durableIndex > 0) {
                  setLastAppliedTermIndex(
                      TermIndex.valueOf(applier.lastAppliedTerm(), applier.lastAppliedIndex()));
                }
              }
              LOG.info(
                  "{}: starting at applied {} (latest snapshot {})",
                  server.getId(),
                  getLastAppliedTermIndex(),
                  latest == null ? "none" : latest.info().getTermIndex());
            });
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    lock.lock();
    try {
      processedIndex = index;
      if (!getLifeCycleState().isRunning()) {
        // Paused for a snapshot install: the snapshot covers this entry and replaces the state.
        return CompletableFuture.completedFuture(EMPTY);
      }
      if (index <= durableIndex) {
        // Replayed after a restart; nobody waits for this reply any more.
        return CompletableFuture.completedFuture(EMPTY);
      }
      byte[] entryBytes = entry.getStateMachineLogEntry().getLogData().toByteArray();
      byte[] reply;
      try {
        reply = applier.apply(index, entry.getTerm(), entryBytes);
      } catch (RuntimeException | Error e) {
        // Rethrown to Ratis, which stops this member: going on past an entry that was not
        // applied would fork the state.
        LOG.error("{}: applying entry {} failed; this member stops", getId(), index, e);
        throw e;
      }
      durableIndex = index;
      updateLastAppliedTermIndex(entry.getTerm(), index);
      return CompletableFuture.completedFuture(
          reply == null || reply.length == 0 ? EMPTY : Message.valueOf(ByteString.copyFrom(reply)));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    lock.lock();
    try {
      processedIndex = index;
      // While a restarted member replays, its applier may already be past this entry.
      if (index > getLastAppliedTermIndex().getIndex()) {
        updateLastAppliedTermIndex(term, index);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long takeSnapshot() throws IOException {
    lock.lock();
    try {
      SnapshotStore.Snapshot latest = snapshots.latest();
      long latestIndex = latest == null ? RaftLog.INVALID_LOG_INDEX : latest.index();
      long index = applier.lastAppliedIndex();
      if (!getLifeCycleState().isRunning() || index <= 0 || index > processedIndex) {
        return latestIndex;
      }
      if (index <= latestIndex) {
        return latestIndex;
      }
      long term = applier.lastAppliedTerm();
      SnapshotStore.Snapshot taken = snapshots.write(term, index, applier::writeSnapshot);
      LOG.info("{}: took snapshot {}", getId(), taken.info().getTermIndex());
      return taken.index();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void pause() {
    lock.lock();
    try {
      LifeCycle lifeCycle = getLifeCycle();
      if (lifeCycle.getCurrentState() == LifeCycle.State.RUNNING) {
        lifeCycle.transition(LifeCycle.State.PAUSING);
        lifeCycle.transition(LifeCycle.State.PAUSED);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void reinitialize() throws IOException {
    lock.lock();
    try {
      LifeCycle lifeCycle = getLifeCycle();
      lifeCycle.transition(LifeCycle.State.STARTING);
      SnapshotStore.Snapshot latest = snapshots.reload();
      // Only a newer snapshot replaces the applier's state: Ratis also resumes a paused server
      // through this method, with nothing new installed.
      if (latest != null && latest.index() > applier.lastAppliedIndex()) {
        install(latest);
      }
      lifeCycle.transition(LifeCycle.State.RUNNING);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    getLifeCycle().checkStateAndClose(() -> {});
  }

  private void install(SnapshotStore.Snapshot snapshot) throws IOException {
    LOG.info("{}: installing snapshot {}", getId(), snapshot.info().getTermIndex());
    applier.installSnapshot(snapshots.prepareInstall(snapshot));
    if (applier.lastAppliedIndex() != snapshot.index()) {
      throw new IOException(
          "applier reports index "
              + applier.lastAppliedIndex()
              + " after installing snapshot "
              + snapshot.info().getTermIndex());
    }
    durableIndex = snapshot.index();
    processedIndex = Math.max(processedIndex, snapshot.index());
    TermIndex installed = snapshot.info().getTermIndex();
    if (installed.compareTo(getLastAppliedTermIndex()) > 0) {
      updateLastAppliedTermIndex(installed);
    }
  }
}
