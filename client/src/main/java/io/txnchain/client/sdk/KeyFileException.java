package io.txnchain.client.sdk;

/** A key file cannot be read, written or understood; the message names the file. */
public final class KeyFileException extends TxnChainException {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message) {
    super(message);
  }

  public KeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
