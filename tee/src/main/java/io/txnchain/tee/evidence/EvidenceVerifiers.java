package io.txnchain.tee.evidence;

import io.txnchain.tee.sim.SimEvidenceVerifier;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.util.encoders.Hex;

/**
 * The verifiers a process knows, by format, and the policy checks common to every format. This is
 * the one place where evidence is accepted or refused.
 */
public final class EvidenceVerifiers {
  private final Map<String, EvidenceVerifier> byFormat = new TreeMap<>();

  private EvidenceVerifiers() {}

  /** Every built-in verifier. */
  public static EvidenceVerifiers builtIn() {
    EvidenceVerifiers v = new EvidenceVerifiers();
    v.register(new SimEvidenceVerifier());
    return v;
  }

  /** Adds or replaces the verifier for its format. */
  public EvidenceVerifiers register(EvidenceVerifier verifier) {
    byFormat.put(verifier.format(), verifier);
    return this;
  }

  /**
   * Verifies evidence under a policy: the format's verifier must accept it, simulated evidence only
   * when the policy allows it, the measurement must be allowed, and the report data must equal
   * {@code expectedReportData} (followed by zero bytes when the format's report data is longer).
   */
  public EvidenceClaims verify(
      Evidence evidence, EvidencePolicy policy, byte[] expectedReportData, Instant now)
      throws EvidenceException {
    EvidenceVerifier verifier = byFormat.get(evidence.format());
    if (verifier == null) {
      throw new EvidenceException("unknown evidence format '" + evidence.format() + "'");
    }
    EvidenceClaims claims = verifier.verify(evidence.data(), now);
    if (claims.simulated() && !policy.allowSimulated()) {
      throw new EvidenceException(
          "evidence is SIMULATED (format "
              + evidence.format()
              + "): no hardware protects this enclave; it is accepted only when simulated"
              + " evidence is explicitly allowed");
    }
    String measurement = Hex.toHexString(claims.measurement());
    if (!policy.allowedMeasurements().isEmpty()
        && !policy.allowedMeasurements().contains(measurement)) {
      throw new EvidenceException("measurement " + measurement + " is not in the allowed list");
    }
    if (!bindingMatches(claims.reportData(), expectedReportData)) {
      throw new EvidenceException(
          "report data does not bind the enclave keys and nonce (evidence belongs to another"
              + " key)");
    }
    return claims;
  }

  /**
   * Report data carries the binding exactly, or (hardware report data is 64 bytes) starts with it
   * and continues with zero bytes only.
   */
  private static boolean bindingMatches(byte[] reportData, byte[] binding) {
    if (reportData.length == binding.length) {
      return MessageDigest.isEqual(reportData, binding);
    }
    if (reportData.length < binding.length) {
      return false;
    }
    byte[] padded = java.util.Arrays.copyOf(binding, reportData.length);
    return MessageDigest.isEqual(reportData, padded);
  }
}
