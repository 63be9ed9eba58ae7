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
 * Plugs a format into {@link io.txnchain.tee.evidence.EvidenceVerifiers} under a full {@link
 * AttestationPolicy}: the hardware formats {@code sev-snp}, {@code sgx-dcap} and {@code tdx}, and
 * {@code sim} (so that the policy's sim rules apply too). Collateral comes from a {@link
 * CollateralSource} (a node's directory and fetch cache). The claims are returned only when the
 * evidence is intact and passes {@code policy} (simulation, debug, TCB status, minimum TCB,
 * per-type rules); report data is then checked by {@code EvidenceVerifiers} as for every format.
 */
public final class HardwareEvidenceVerifier implements EvidenceVerifier {
  private final String format;
  private final TeeType tee;
  private final AttestationVerifier verifier;
  private final AttestationPolicy policy;
  private final CollateralSource collateral;

  public HardwareEvidenceVerifier(
      String format,
      AttestationVerifier verifier,
      AttestationPolicy policy,
      Function<byte[], Collateral> collateralFor) {
    this(
        format,
        verifier,
        policy,
        (CollateralSource) (data, now) -> CollateralSource.Supplied.of(collateralFor.apply(data)));
  }

  public HardwareEvidenceVerifier(
      String format,
      AttestationVerifier verifier,
      AttestationPolicy policy,
      CollateralSource collateral) {
    this.format = format;
    this.tee =
        switch (format) {
          case "sev-snp" -> TeeType.SEV_SNP;
          case "sgx-dcap" -> TeeType.SGX;
          case "tdx" -> TeeType.TDX;
          case "sim" -> TeeType.SIM;
          default -> throw new IllegalArgumentException("not an evidence format: " + format);
        };
    this.verifier = verifier;
    this.policy = policy;
    this.collateral = collateral;
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public EvidenceClaims verify(byte[] data, Instant now) throws EvidenceException {
    CollateralSource.Supplied supplied =
        tee == TeeType.SIM
            ? CollateralSource.Supplied.of(Collateral.empty())
            : collateral.supply(data, now);
    EvidenceReport report = verifier.inspect(data, supplied.collateral(), now);
    if (report.tee() != tee) {
      throw new EvidenceException(
          "evidence labelled " + format + " is " + report.tee().id() + " evidence");
    }
    Verdict v = policy.evaluate(report, null);
    if (!v.accepted()) {
      java.util.List<String> reasons = new java.util.ArrayList<>(v.reasons());
      supplied.notes().forEach(n -> reasons.add("collateral: " + n));
      throw new EvidenceException(String.join("; ", reasons));
    }
    return new EvidenceClaims(
        format, tee == TeeType.SIM, report.measurement(), report.reportData(), report.tcbSummary());
  }
}
