package io.txnchain.tee.policy;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.EvidenceVerifier;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.evidence.TeeType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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

  /** The evidence formats of hardware TEEs, which need collateral to verify. */
  public static final Set<String> HARDWARE_FORMATS = Set.of("sev-snp", "sgx-dcap", "tdx");

  /**
   * Verifiers for evidence that carries its own collateral (a receipt entry, a ledger record): the
   * built-in ones and, when {@code format} is a hardware format, that format judged under {@code
   * policy} with exactly the carried {@code items} ({@link CollateralBundle}), nothing fetched.
   *
   * @throws IllegalArgumentException when the items are not collateral or exceed the bundle limits
   */
  public static EvidenceVerifiers withCarriedCollateral(
      String format, AttestationVerifier verifier, AttestationPolicy policy, List<byte[]> items) {
    EvidenceVerifiers verifiers = EvidenceVerifiers.builtIn();
    if (HARDWARE_FORMATS.contains(format)) {
      Collateral carried = CollateralBundle.decode(items);
      verifiers.register(new HardwareEvidenceVerifier(format, verifier, policy, data -> carried));
    }
    return verifiers;
  }

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
