package io.txnchain.node.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.txnchain.node.route.Compliance;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node verifies genuine hardware evidence with the collateral in its collateral directory, under
 * the attestation policy governance holds. The samples are the tee module's (sources and licenses
 * in its README).
 */
class NodeAttestationTest {
  private static final Path SAMPLES =
      Path.of("..", "tee", "src", "test", "resources", "attestation");
  private static final Instant PINNED = Instant.parse("2025-07-01T00:00:00Z");
  private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  private static Evidence sgxQuote() throws Exception {
    return new Evidence("sgx-dcap", Files.readAllBytes(SAMPLES.resolve("dcap-qvl/sgx_quote")));
  }

  private NodeAttestation withCollateral() throws Exception {
    Files.copy(
        SAMPLES.resolve("dcap-qvl/sgx_quote_collateral.json"),
        dir.resolve("sgx_quote_collateral.json"));
    Files.writeString(dir.resolve("notes.txt"), "not collateral");
    return new NodeAttestation(dir);
  }

  private static EvidenceClaims verify(NodeAttestation a, AttestationPolicy p, Instant now)
      throws Exception {
    return a.verifiers(p).verify(sgxQuote(), NodeAttestation.commonChecks(p), HELLO, now);
  }

  @Test
  void genuineSgxEvidenceVerifiesWithTheCollateralInTheDirectory() throws Exception {
    EvidenceClaims claims = verify(withCollateral(), AttestationPolicy.defaults(), PINNED);
    assertThat(claims.simulated()).isFalse();
    assertThat(claims.measurement()).hasSize(32);
  }

  /** What receipts carry with the node's own evidence verifies it with nothing else. */
  @Test
  void theCollateralToCarryVerifiesTheEvidenceOnItsOwn() throws Exception {
    NodeAttestation attestation = withCollateral();
    List<byte[]> items = attestation.collateralToCarry(sgxQuote(), PINNED);
    assertThat(items).isNotEmpty();
    Verdict v =
        AttestationVerifier.pinned()
            .verify(
                sgxQuote().data(),
                CollateralBundle.decode(items),
                AttestationPolicy.defaults(),
                PINNED);
    assertThat(v.accepted()).as(v.reasons().toString()).isTrue();

    assertThat(attestation.collateralToCarry(new Evidence("sim", new byte[8]), PINNED)).isEmpty();
    assertThat(new NodeAttestation(dir.resolve("absent")).collateralToCarry(sgxQuote(), PINNED))
        .isEmpty();
  }

  @Test
  void withoutCollateralOrOffTheMeasurementListItIsRefused() throws Exception {
    AttestationPolicy policy = AttestationPolicy.defaults();
    Throwable noCollateral =
        catchThrowable(() -> verify(new NodeAttestation(dir.resolve("absent")), policy, PINNED));
    assertThat(noCollateral).isInstanceOf(EvidenceException.class);
    assertThat(noCollateral.getMessage()).doesNotContain("unknown evidence format");

    AttestationPolicy pinned = policy.withMeasurementList(List.of(Hex.toHexString(new byte[32])));
    Throwable offList = catchThrowable(() -> verify(withCollateral(), pinned, PINNED));
    assertThat(offList).isInstanceOf(EvidenceException.class).hasMessageContaining("not allowed");
  }

  @Test
  void itsValidityEndsWithTheCollateral() throws Exception {
    Throwable expired =
        catchThrowable(
            () ->
                verify(
                    withCollateral(),
                    AttestationPolicy.defaults(),
                    Instant.parse("2026-11-25T00:00:00Z")));
    assertThat(expired).isInstanceOf(EvidenceException.class);
  }

  /**
   * Continuous compliance of a node with the genuine SGX quote (TCB evaluation data number 17,
   * status ConfigurationAndSWHardeningNeeded) as governance changes the policy.
   */
  @Test
  void raisingTheMinimumTcbOrDroppingItsStatusMakesTheNodeNonCompliantUntilRestored()
      throws Exception {
    NodeAttestation node = withCollateral();
    AttestationPolicy base =
        AttestationPolicy.fromJson(
            "{\"tee\": {\"sgx\": {\"minTcb\": {\"tcbEvaluationDataNumber\": 17}}}}");
    AttestationPolicy higher =
        AttestationPolicy.fromJson(
            "{\"tee\": {\"sgx\": {\"minTcb\": {\"tcbEvaluationDataNumber\": 18}}}}");
    AttestationPolicy dropped =
        AttestationPolicy.fromJson(
            "{\"acceptedTcbStatuses\": [\"UpToDate\", \"SWHardeningNeeded\","
                + " \"ConfigurationNeeded\"],"
                + " \"tee\": {\"sgx\": {\"minTcb\": {\"tcbEvaluationDataNumber\": 17}}}}");

    assertThat(failure(node, base)).isNull();
    assertThat(failure(node, higher))
        .contains("TCB component tcbEvaluationDataNumber is 17, below the minimum 18");
    assertThat(failure(node, base)).isNull();
    assertThat(failure(node, dropped))
        .contains("TCB status ConfigurationAndSWHardeningNeeded is not accepted");
    assertThat(failure(node, base)).isNull();
  }

  private static String failure(NodeAttestation node, AttestationPolicy p) throws Exception {
    return Compliance.failure(HELLO, sgxQuote(), p, node.verifiers(p), PINNED);
  }

  @Test
  void simulatedEvidenceIsJudgedByTheSameRules() {
    EvidencePolicy checks = NodeAttestation.commonChecks(AttestationPolicy.defaults());
    assertThat(checks.allowSimulated()).isFalse();
    assertThat(
            NodeAttestation.commonChecks(AttestationPolicy.defaults().withAllowSimulated(true))
                .allowSimulated())
        .isTrue();
  }
}
