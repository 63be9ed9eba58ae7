package io.txnchain.tee.app;

/**
 * An app's refusal of an input. The reason is returned to the caller and recorded on the ledger, so
 * it must not contain private data.
 */
public class AppRejectedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  /**
   * @param reason a short stable code, such as {@code not_owner} or {@code too_few_contributors}
   * @param message a human-readable explanation without private data
   */
  public AppRejectedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The stable reason code. */
  public String reason() {
    return reason;
  }
}
