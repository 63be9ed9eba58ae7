package io.txnchain.tee.evidence;

/** Evidence that does not verify; the message says why, for an operator to act on. */
public class EvidenceException extends Exception {
  private static final long serialVersionUID = 1L;

  public EvidenceException(String message) {
    super(message);
  }

  public EvidenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
