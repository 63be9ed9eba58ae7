package io.txnchain.client.sdk;

/** A sealed result could not be opened, or opened to something other than what was recorded. */
public final class SealedResultException extends TxnChainException {
  private static final long serialVersionUID = 1L;
  private final boolean wrongRecipient;

  public SealedResultException(String message, boolean wrongRecipient) {
    super(message);
    this.wrongRecipient = wrongRecipient;
  }

  /** True when the result is sealed to another key: not tampering, just not ours to open. */
  public boolean wrongRecipient() {
    return wrongRecipient;
  }
}
