package io.txnchain.ledger.store;

/** The ledger store cannot be opened or written. */
public class LedgerStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public LedgerStoreException(String message) {
    super(message);
  }

  public LedgerStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
