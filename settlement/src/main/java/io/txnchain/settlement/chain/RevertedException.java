package io.txnchain.settlement.chain;

/**
 * A call or transaction reverted. {@link #errorName()} is the contract's custom error (for example
 * {@code BatchReplayed}) when the revert data matched one in the ABI, else {@code null}.
 */
public final class RevertedException extends ChainException {
  private static final long serialVersionUID = 1L;
  private final String errorName;
  private final String data;

  /** A revert with the decoded {@code errorName} (or null) and the raw revert {@code data}. */
  public RevertedException(String message, String errorName, String data) {
    super(message, false, null);
    this.errorName = errorName;
    this.data = data;
  }

  /** The custom error's name, or null when unknown. */
  public String errorName() {
    return errorName;
  }

  /** The raw revert data as hex, or null. */
  public String data() {
    return data;
  }
}
