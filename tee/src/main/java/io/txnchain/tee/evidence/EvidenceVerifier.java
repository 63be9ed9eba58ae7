package io.txnchain.tee.evidence;

import java.time.Instant;

/** Verifies one evidence format. Implementations must not use the network. */
public interface EvidenceVerifier {

  /** The format this verifier reads. */
  String format();

  /**
   * Checks the evidence's signatures and certificate chain as of {@code now}, then returns its
   * claims. Policy checks common to all formats (simulation, measurement, report data) are made by
   * {@link EvidenceVerifiers}; a verifier may make stricter format-specific ones.
   */
  EvidenceClaims verify(byte[] data, Instant now) throws EvidenceException;
}
