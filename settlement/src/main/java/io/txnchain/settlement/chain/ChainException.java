package io.txnchain.settlement.chain;

/**
 * The chain could not be reached or answered with an error. {@link #unreachable()} tells a
 * transport failure (retry later) from an answer (the request itself is wrong).
 */
public class ChainException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean unreachable;

  /** An error with {@code message}; {@code unreachable} when no answer came. */
  public ChainException(String message, boolean unreachable, Throwable cause) {
    super(message, cause);
    this.unreachable = unreachable;
  }

  /** True when the node did not answer (connection refused, timeout). */
  public boolean unreachable() {
    return unreachable;
  }
}
