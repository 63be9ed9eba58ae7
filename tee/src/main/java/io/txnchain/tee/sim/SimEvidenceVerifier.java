package io.txnchain.tee.sim;

import io.txnchain.crypto.Ed25519;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceVerifier;
import java.time.Instant;

/**
 * Checks that {@code sim} evidence is well formed and signed by the platform key it names. The
 * platform key is self-asserted, so the claims are always marked simulated: the policy in {@link
 * io.txnchain.tee.evidence.EvidenceVerifiers} refuses them unless simulation is allowed.
 */
public final class SimEvidenceVerifier implements EvidenceVerifier {

  @Override
  public String format() {
    return SimEvidence.FORMAT;
  }

  @Override
  public EvidenceClaims verify(byte[] data, Instant now) throws EvidenceException {
    SimEvidence evidence = SimEvidence.decode(data);
    if (!Ed25519.verify(evidence.platformKey(), evidence.signedBytes(), evidence.signature())) {
      throw new EvidenceException("sim evidence signature does not verify");
    }
    return new EvidenceClaims(
        SimEvidence.FORMAT,
        true,
        evidence.measurement(),
        evidence.reportData(),
        "simulated platform "
            + org.bouncycastle.util.encoders.Hex.toHexString(evidence.platformKey()));
  }
}
