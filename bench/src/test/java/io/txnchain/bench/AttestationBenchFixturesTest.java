package io.txnchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.policy.NodeCompliance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs every setup and benchmark method of {@link AttestationBench} once. */
class AttestationBenchFixturesTest {

  @Test
  void everyBenchmarkRunsOnAcceptedSamples() throws Exception {
    AttestationBench bench = new AttestationBench();
    AttestationBench.Samples s = new AttestationBench.Samples();
    s.setup();
    AttestationBench.Fleet f = new AttestationBench.Fleet();
    f.setup(s);

    assertThat(bench.verifySevSnp(s).accepted()).isTrue();
    assertThat(bench.verifySgx(s).accepted()).isTrue();
    assertThat(bench.verifySgxRepeated(s).accepted()).isTrue();
    assertThat(bench.verifyTdx(s).accepted()).isTrue();
    assertThat(bench.verifySim(s).accepted()).isTrue();
    assertThat(bench.policyOnly(s).accepted()).isTrue();
    AttestationBench.QeSignature q = new AttestationBench.QeSignature();
    q.setup(s);
    assertThat(bench.ecdsaP256Bc(q)).isTrue();
    assertThat(bench.ecdsaP256JdkBaseline(q)).isTrue();
    assertThat(bench.parseSgxCollateral().tcbInfos()).hasSize(1);
    List<NodeCompliance> full = bench.recheck100NodesFull(f);
    assertThat(bench.recheck100NodesFullNoMemo(s, f).stream().map(NodeCompliance::compliant))
        .isEqualTo(full.stream().map(NodeCompliance::compliant).toList());
    List<NodeCompliance> cached = bench.recheck100NodesCached(f);
    assertThat(full).hasSize(100);
    assertThat(full.stream().filter(c -> !c.compliant()).count()).isEqualTo(33);
    assertThat(cached.stream().map(c -> c.nodeId() + c.compliant()).toList())
        .isEqualTo(full.stream().map(c -> c.nodeId() + c.compliant()).toList());
  }
}
