package io.txnchain.ledger.machine;

/**
 * Stored state that fails its integrity check. The node stops rather than compute on it: the
 * replica must be restored from a snapshot or another node.
 */
public final class StateTamperedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateTamperedException(String message, Throwable cause) {
    super(message, cause);
  }
}
