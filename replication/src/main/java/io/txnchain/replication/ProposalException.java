package io.txnchain.replication;

import java.util.Objects;

/**
 * Why a proposal was not acknowledged. A proposal that fails this way was never reported as
 * committed; whether it is committed later is unknown for {@link Reason#TIMED_OUT} (it may have
 * reached a leader's log), so callers that retry need their own idempotency keys.
 */
public final class ProposalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of failure. */
  public enum Reason {
    /** Not committed within the request timeout: no leader, or no majority reachable. */
    TIMED_OUT,
    /** This member's log was closed before the proposal was answered. */
    CLOSED,
    /** The entry was committed but applying it on the leader failed. */
    APPLY_FAILED,
    /** Any other failure, such as the group refusing the request. */
    FAILED
  }

  private final Reason reason;

  /** A failure of the given kind. */
  public ProposalException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The kind of failure. */
  public Reason reason() {
    return reason;
  }
}
