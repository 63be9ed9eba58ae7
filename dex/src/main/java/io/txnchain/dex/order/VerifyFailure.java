package io.txnchain.dex.order;

/** Why a signed order was refused before it reached the matching engine. */
public enum VerifyFailure {
  /** Not 65 bytes, r or s outside [1, n-1], or no public key recovers from it. */
  MALFORMED_SIGNATURE,
  /** The last byte is not 27 or 28. */
  INVALID_V,
  /** s is in the upper half of the curve order (malleable form). */
  HIGH_S_SIGNATURE,
  /** The signature recovers to the zero address. */
  ZERO_SIGNER,
  /** The signature recovers to an address other than the order's trader. */
  SIGNER_MISMATCH,
  /** The order was signed for another chain id or settlement contract. */
  WRONG_DOMAIN,
  /** The order's expiry is at or before the block time. */
  ORDER_EXPIRED,
  /** The trader already used this nonce. */
  NONCE_REUSED,
  /** This exact order (same digest) was already accepted. */
  DUPLICATE_ORDER
}
