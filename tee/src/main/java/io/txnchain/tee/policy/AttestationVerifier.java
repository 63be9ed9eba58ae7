package io.txnchain.tee.policy;

import io.txnchain.crypto.Ed25519;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.SignatureChecks;
import io.txnchain.tee.dcap.DcapVerifier;
import io.txnchain.tee.dcap.Quote;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.TeeType;
import io.txnchain.tee.sim.SimEvidence;
import io.txnchain.tee.snp.AmdRoots;
import io.txnchain.tee.snp.SnpReport;
import io.txnchain.tee.snp.SnpVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point for attestation evidence of any TEE type: recognises the type from the bytes,
 * checks integrity against the pinned vendor roots as of an explicit {@code now}, and judges the
 * result under an {@link AttestationPolicy}. Uses no network and no clock of its own, so the same
 * inputs give the same verdict on every node. Thread-safe.
 */
public final class AttestationVerifier {
  private final SnpVerifier snp;
  private final DcapVerifier dcap;

  public AttestationVerifier(SnpVerifier snp, DcapVerifier dcap) {
    this.snp = snp;
    this.dcap = dcap;
  }

  /**
   * A verifier trusting AMD's ARK-Milan/Genoa/Turin and the Intel SGX Root CA, remembering up to
   * 4,096 verified signatures (shared collateral is then verified once, not once per node).
   */
  public static AttestationVerifier pinned() {
    return pinned(new SignatureChecks(4096));
  }

  /** The same roots, verifying every signature every time (to measure the cold cost). */
  public static AttestationVerifier pinnedWithoutMemo() {
    return pinned(new SignatureChecks(0));
  }

  private static AttestationVerifier pinned(SignatureChecks signatures) {
    return new AttestationVerifier(
        new SnpVerifier(AmdRoots.pinned(), signatures), DcapVerifier.pinned(signatures));
  }

  /** The TEE type of {@code evidence}, recognised from its bytes alone. */
  public static Optional<TeeType> detect(byte[] evidence) {
    if (SimEvidence.looksLike(evidence)) {
      return Optional.of(TeeType.SIM);
    }
    if (Quote.looksLike(evidence)) {
      // Byte 4 is the TEE type: 0 for SGX, 0x81 for TDX.
      return Optional.of(evidence[4] == 0 ? TeeType.SGX : TeeType.TDX);
    }
    if (SnpReport.looksLike(evidence)) {
      return Optional.of(TeeType.SEV_SNP);
    }
    return Optional.empty();
  }

  /**
   * Decodes and checks integrity only, without a policy. The result can be cached and judged under
   * several policies until its {@link EvidenceReport#validUntil()}.
   *
   * @throws EvidenceException when the bytes are no evidence of a supported type
   */
  public EvidenceReport inspect(byte[] evidence, Collateral collateral, Instant now)
      throws EvidenceException {
    TeeType tee =
        detect(evidence)
            .orElseThrow(
                () ->
                    new EvidenceException(
                        "unrecognised evidence ("
                            + evidence.length
                            + " bytes): not an SEV-SNP report, an SGX or TDX DCAP quote, or sim"
                            + " evidence"));
    return switch (tee) {
      case SEV_SNP -> snp.inspect(evidence, collateral, now);
      case SGX, TDX -> dcap.inspect(evidence, collateral, now);
      case SIM -> sim(evidence);
    };
  }

  /** Verifies evidence under a policy, with the policy's own report-data binding if any. */
  public Verdict verify(
      byte[] evidence, Collateral collateral, AttestationPolicy policy, Instant now) {
    return verify(evidence, collateral, policy, null, now);
  }

  /**
   * Verifies evidence under a policy.
   *
   * @param expectedReportData the binding the evidence must carry, or null for the policy's
   */
  public Verdict verify(
      byte[] evidence,
      Collateral collateral,
      AttestationPolicy policy,
      byte[] expectedReportData,
      Instant now) {
    EvidenceReport report;
    try {
      report = inspect(evidence, collateral, now);
    } catch (EvidenceException e) {
      return Verdict.undecodable(e.getMessage());
    } catch (RuntimeException e) {
      // Hostile bytes must yield a rejection, never an exception that stops the caller.
      return Verdict.undecodable("malformed evidence: " + e);
    }
    return policy.evaluate(report, expectedReportData);
  }

  private static EvidenceReport sim(byte[] evidence) throws EvidenceException {
    SimEvidence e = SimEvidence.decode(evidence);
    List<String> problems = new ArrayList<>();
    if (!Ed25519.verify(e.platformKey(), e.signedBytes(), e.signature())) {
      problems.add("sim evidence signature does not verify");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("measurement", HexFormat.of().formatHex(e.measurement()));
    fields.put("platformKey", HexFormat.of().formatHex(e.platformKey()));
    return new EvidenceReport(
        TeeType.SIM,
        e.measurement(),
        e.reportData(),
        false,
        null,
        List.of(),
        fields,
        Map.of(),
        Instant.MAX,
        problems);
  }
}
