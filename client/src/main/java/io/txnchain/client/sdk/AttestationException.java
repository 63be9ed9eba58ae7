package io.txnchain.client.sdk;

/**
 * A node's enclave evidence did not verify under the caller's policy, so nothing was sealed to it.
 */
public final class AttestationException extends TxnChainException {
  private static final long serialVersionUID = 1L;

  public AttestationException(String message) {
    super(message);
  }
}
