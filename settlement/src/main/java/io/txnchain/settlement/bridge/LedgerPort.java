package io.txnchain.settlement.bridge;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the bridge reaches the dex app on the ledger: one work order, signed by the bridge operator's
 * key, whose JSON result is returned. An adaptor over the node API or an in-process ledger.
 */
public interface LedgerPort {
  /** Runs {@code input} on the dex app; a refusal is a {@link LedgerRejectedException}. */
  JsonNode process(String input) throws LedgerRejectedException, LedgerUnavailableException;

  /** The app refused the input with {@code reason} (a dex reason code). */
  final class LedgerRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    /** A refusal with its reason code. */
    public LedgerRejectedException(String reason, String message) {
      super(reason + ": " + message);
      this.reason = reason;
    }

    /** The reason code. */
    public String reason() {
      return reason;
    }
  }

  /** The ledger could not be reached or could not commit; retry later. */
  final class LedgerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An outage with its cause. */
    public LedgerUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
