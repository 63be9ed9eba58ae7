package io.txnchain.ledger.replication;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An ordered, replicated, durable log. Proposals from any member are ordered by the leader,
 * committed by a majority, and applied by every member's {@link EntryApplier}.
 */
public interface ReplicatedLog extends AutoCloseable {

  /**
   * Proposes an entry from this member (forwarded to the leader when this member is not it).
   *
   * @return the reply of the leader's {@link EntryApplier#apply} once the entry is committed and
   *     applied; fails if the entry cannot be committed (no majority) within the configured timeout
   */
  CompletableFuture<byte[]> propose(byte[] entry);

  /** This member's id. */
  String memberId();

  /** The current leader's id, if one is known. */
  String leaderId();

  /** True while this member is the leader. */
  boolean isLeader();

  /**
   * False once this member stopped applying entries (its applier failed), so that it stops taking
   * work and reports itself not ready.
   */
  boolean healthy();

  /**
   * How many committed entries this member has not applied yet, as far as it knows the group's
   * commit index: large while it catches up after a restart or a partition. 0 for a network of one.
   */
  default long lag() {
    return 0;
  }

  /** Every member with its role and last applied index, as this member sees it. */
  List<MemberStatus> members();

  /** A member of the group as seen from here. */
  record MemberStatus(String id, String address, String role, long lastAppliedIndex) {}

  @Override
  void close();
}
