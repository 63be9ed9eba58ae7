package io.txnchain.tee.policy;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.EvidenceVerifier;
import io.txnchain.tee.evidence.TeeType;
import java.time.Instant;
import java.util.function.Function;

/**
 * Plugs a hardware format into {@link io.txnchain.tee.evidence.EvidenceVerifiers}: formats {@code
 * sev-snp}, {@code sgx-dcap} and {@code tdx}. Collateral comes from {@code collateralFor} (a node's
 * cache, keyed by the evidence). The claims are returned only when the evidence is intact and
 * passes {@code policy} (debug, TCB status, minimum TCB, per-type rules); measurement pinning and
 * report data are then checked by {@code EvidenceVerifiers} as for every format.
 */
public final class HardwareEvidenceVerifier implements EvidenceVerifier {
  private final String format;
  private final TeeType tee;
  private final AttestationVerifier verifier;
  private final AttestationPolicy policy;
  private final Function<byte[], Collateral> collateralFor;

  public HardwareEvidenceVerifier(
      String format,
      AttestationVerifier verifier,
      AttestationPolicy policy,
      Function<byte[], Collateral> collateralFor) {
    this.format = format;
    this.tee =
        switch (format) {
          case "sev-snp" -> TeeType.SEV_SNP;
          case "sgx-dcap" -> TeeType.SGX;
          case "tdx" -> TeeType.TDX;
          default -> throw new IllegalArgumentException("not a hardware format: " + format);
        };
    this.verifier = verifier;
    this.policy = policy;
    this.collateralFor = collateralFor;
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public EvidenceClaims verify(byte[] data, Instant now) throws EvidenceException {
    EvidenceReport report = verifier.inspect(data, collateralFor.apply(data), now);
    if (report.tee() != tee) {
      throw new EvidenceException(
          "evidence labelled " + format + " is " + report.tee().id() + " evidence");
    }
    Verdict v = policy.evaluate(report, null);
    if (!v.accepted()) {
      throw new EvidenceException(String.join("; ", v.reasons()));
    }
    return new EvidenceClaims(
        format, false, report.measurement(), report.reportData(), report.tcbSummary());
  }
}
