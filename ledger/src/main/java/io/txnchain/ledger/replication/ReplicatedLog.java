package io.txnchain.ledger.replication;

import java.io.IOException;
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

  /**
   * Every member of the current configuration with its role and last applied index, as this member
   * sees it, plus this member (role {@code NOT_A_MEMBER} once it has been removed).
   */
  List<MemberStatus> members();

  /** How many voting members the group's current configuration has. */
  default int memberCount() {
    return 1;
  }

  /** True if {@code id} is a voting member of the group's current configuration. */
  default boolean isMember(String id) {
    return id.equals(memberId());
  }

  /**
   * Makes {@code id} at {@code address} a voting member. The new configuration is committed only
   * once the new member runs and has caught up with the leader, so this blocks up to the request
   * timeout; an {@link IOException} means it did not happen (yet) and may be retried. Does nothing
   * if {@code id} is a member already.
   */
  default void addMember(String id, String address) throws IOException {
    throw new IOException("a network of one has no replication group to add members to");
  }

  /**
   * Removes {@code id} from the group's configuration (it stops receiving entries and voting).
   * Blocks up to the request timeout; does nothing if {@code id} is not a member.
   */
  default void removeMember(String id) throws IOException {
    throw new IOException("a network of one has no replication group to remove members from");
  }

  /** A member of the group as seen from here. */
  record MemberStatus(String id, String address, String role, long lastAppliedIndex) {}

  @Override
  void close();
}
