package io.txnchain.node.attest;

import io.txnchain.governance.Policy;
import io.txnchain.ledger.witness.WitnessApp;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.HardwareEvidenceVerifier;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks an evidence record inside the state machine, so every replica must reach the same verdict
 * (ADR 19): simulated evidence under the committed policy's common checks; SEV-SNP, SGX and TDX
 * evidence against the pinned vendor roots with only the collateral the record carries, under the
 * committed attestation policy, at the block's time. Nothing is read from this node's collateral
 * directory or fetched, and no clock is read.
 */
public final class LedgerEvidenceCheck implements WitnessApp.EvidenceCheck {
  private final AttestationVerifier verifier = AttestationVerifier.pinned();
  private final Supplier<Policy> committedPolicy;

  /**
   * @param committedPolicy the governance policy committed before the block being applied
   */
  public LedgerEvidenceCheck(Supplier<Policy> committedPolicy) {
    this.committedPolicy = committedPolicy;
  }

  @Override
  public void verify(
      Evidence evidence, List<byte[]> collateral, byte[] expectedReportData, long blockTimeMillis)
      throws EvidenceException {
    Policy policy = committedPolicy.get();
    EvidenceVerifiers verifiers;
    try {
      verifiers =
          HardwareEvidenceVerifier.withCarriedCollateral(
              evidence.format(), verifier, policy.attestation(), collateral);
    } catch (IllegalArgumentException e) {
      throw new EvidenceException(e.getMessage(), e);
    }
    verifiers.verify(
        evidence,
        policy.evidencePolicy(),
        expectedReportData,
        Instant.ofEpochMilli(blockTimeMillis));
  }
}
