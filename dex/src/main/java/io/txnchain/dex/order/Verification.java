package io.txnchain.dex.order;

/**
 * The outcome of {@link OrderVerifier#verify}: {@code failure} is {@code null} when the signature
 * is good; {@code digest} is the EIP-712 digest whenever it could be computed.
 */
public record Verification(VerifyFailure failure, byte[] digest) {
  /** Whether the order passed. */
  public boolean ok() {
    return failure == null;
  }
}
