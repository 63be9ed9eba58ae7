package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.evidence.TeeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplianceCheckTest {
  private final ComplianceCheck check = new ComplianceCheck(AttestationVerifier.pinned());
  private final List<NodeEvidence> nodes =
      List.of(
          new NodeEvidence("sgx-node", Samples.sgxQuote(), Samples.sgxCollateral(), null),
          new NodeEvidence("tdx-node", Samples.tdxQuote(), Samples.tdxCollateral(), null));

  @Test
  void aPolicyChangeMakesTheNodesThatNoLongerPassNonCompliant() {
    AttestationPolicy before = AttestationPolicy.defaults();
    AttestationPolicy after = before.allowing(TeeType.SGX, Map.of("mrenclave", "00".repeat(32)));

    assertThat(check.recheck(nodes, before, Samples.DCAP_NOW)).allMatch(NodeCompliance::compliant);
    List<NodeCompliance> failing = check.nonCompliant(nodes, after, Samples.DCAP_NOW);

    assertThat(failing).extracting(NodeCompliance::nodeId).containsExactly("sgx-node");
    assertThat(failing.get(0).verdict().reasons())
        .singleElement()
        .asString()
        .contains("not allowed by the policy");
  }

  @Test
  void cachedInspectionsNeverHideExpiry() {
    AttestationPolicy p = AttestationPolicy.defaults();
    assertThat(check.recheck(nodes, p, Samples.DCAP_NOW)).allMatch(NodeCompliance::compliant);

    List<NodeCompliance> later = check.recheck(nodes, p, Instant.parse("2025-08-01T00:00:00Z"));

    assertThat(later).noneMatch(NodeCompliance::compliant);
    assertThat(later.get(0).verdict().reasons()).anyMatch(r -> r.contains("expired"));
  }

  @Test
  void cachedAndFreshVerdictsAgree() {
    AttestationPolicy p = AttestationPolicy.defaults().allowing(TeeType.TDX, Map.of("mrtd", "ab"));
    check.recheck(nodes, AttestationPolicy.defaults(), Samples.DCAP_NOW);

    List<NodeCompliance> cached = check.recheck(nodes, p, Samples.DCAP_NOW);
    List<NodeCompliance> fresh =
        new ComplianceCheck(AttestationVerifier.pinned()).recheck(nodes, p, Samples.DCAP_NOW);

    assertThat(cached.stream().map(c -> c.nodeId() + c.verdict().toJson()).toList())
        .isEqualTo(fresh.stream().map(c -> c.nodeId() + c.verdict().toJson()).toList());
  }
}
