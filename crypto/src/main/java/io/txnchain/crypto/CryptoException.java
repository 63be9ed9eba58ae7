package io.txnchain.crypto;

/** Signals that cryptographic input was rejected: a failed tag, signature, encoding or proof. */
public class CryptoException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that must not contain secret material. */
  public CryptoException(String msg) {
    super(msg);
  }

  /** Creates an exception with a message that must not contain secret material, and a cause. */
  public CryptoException(String msg, Throwable cause) {
    super(msg, cause);
  }
}
