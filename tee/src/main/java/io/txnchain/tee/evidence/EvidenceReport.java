package io.txnchain.tee.evidence;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a hardware verifier found in one piece of evidence, before any policy is applied: the
 * decoded values and every integrity problem (signature, certificate chain, validity, revocation,
 * collateral). A report with problems must never be accepted; one without problems is still subject
 * to a policy.
 *
 * @param tee the kind of TEE
 * @param measurement SNP measurement, SGX MRENCLAVE, TDX MRTD, or the sim measurement
 * @param reportData the report data the evidence carries (64 bytes on hardware, 32 for sim)
 * @param debug whether the TEE allows a debugger to read its memory
 * @param tcbStatus Intel's TCB status; null for SEV-SNP and sim, and when none could be determined
 * @param advisories Intel security advisory ids that apply to the platform's TCB level
 * @param fields every decoded value by name (hex or decimal text), for display and measurement
 *     rules
 * @param tcb platform TCB components by name, compared against a policy's minimums
 * @param validUntil the earliest expiry of the certificates and collateral used; the evidence must
 *     be inspected again from then on
 * @param problems integrity failures, each a sentence an operator can act on
 */
public record EvidenceReport(
    TeeType tee,
    byte[] measurement,
    byte[] reportData,
    boolean debug,
    TcbStatus tcbStatus,
    List<String> advisories,
    Map<String, String> fields,
    Map<String, Long> tcb,
    Instant validUntil,
    List<String> problems) {
  public EvidenceReport {
    measurement = measurement.clone();
    reportData = reportData.clone();
    advisories = List.copyOf(advisories);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    tcb = Collections.unmodifiableMap(new LinkedHashMap<>(tcb));
    problems = List.copyOf(problems);
  }

  @Override
  public byte[] measurement() {
    return measurement.clone();
  }

  @Override
  public byte[] reportData() {
    return reportData.clone();
  }

  /** True when no integrity problem was found. */
  public boolean intact() {
    return problems.isEmpty();
  }

  /** A one-line description of the platform's TCB, for logs and receipts. */
  public String tcbSummary() {
    StringBuilder sb = new StringBuilder(tee.id());
    if (tcbStatus != null) {
      sb.append(' ').append(tcbStatus.id());
    }
    tcb.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }
}
