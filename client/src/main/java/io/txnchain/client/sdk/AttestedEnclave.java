package io.txnchain.client.sdk;

import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.EvidenceClaims;

/**
 * An enclave whose evidence {@link Sealer} verified against a fresh nonce: its keys are bound to
 * {@link EvidenceClaims#measurement()} by the TEE (or, when {@link #simulated()}, by nothing but
 * the node's word).
 *
 * @param keys the verified enclave keys
 * @param claims what the evidence establishes
 * @param reported what the node said, for display
 */
public record AttestedEnclave(EnclaveKeys keys, EvidenceClaims claims, NodeEvidence reported) {

  /** True when the evidence is simulated: no hardware protects data sealed to this enclave. */
  public boolean simulated() {
    return claims.simulated();
  }
}
