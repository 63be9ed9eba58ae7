package io.txnchain.node.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node verifies genuine hardware evidence with the collateral in its collateral directory, under
 * the governance policy. The samples are the tee module's (sources and licenses in its README).
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

  @Test
  void genuineSgxEvidenceVerifiesWithTheCollateralInTheDirectory() throws Exception {
    EvidencePolicy policy = EvidencePolicy.strict();
    EvidenceClaims claims =
        withCollateral().verifiers(policy).verify(sgxQuote(), policy, HELLO, PINNED);
    assertThat(claims.simulated()).isFalse();
    assertThat(claims.measurement()).hasSize(32);
  }

  @Test
  void withoutCollateralOrOffTheMeasurementListItIsRefused() throws Exception {
    EvidencePolicy policy = EvidencePolicy.strict();
    Throwable noCollateral =
        catchThrowable(
            () ->
                new NodeAttestation(dir.resolve("absent"))
                    .verifiers(policy)
                    .verify(sgxQuote(), policy, HELLO, PINNED));
    assertThat(noCollateral).isInstanceOf(EvidenceException.class);
    assertThat(noCollateral.getMessage()).doesNotContain("unknown evidence format");

    EvidencePolicy pinned = policy.withMeasurements(Set.of(Hex.toHexString(new byte[32])));
    Throwable offList =
        catchThrowable(
            () -> withCollateral().verifiers(pinned).verify(sgxQuote(), pinned, HELLO, PINNED));
    assertThat(offList).isInstanceOf(EvidenceException.class);
  }

  @Test
  void itsValidityEndsWithTheCollateral() throws Exception {
    EvidencePolicy policy = EvidencePolicy.strict();
    Throwable expired =
        catchThrowable(
            () ->
                withCollateral()
                    .verifiers(policy)
                    .verify(sgxQuote(), policy, HELLO, Instant.parse("2026-11-25T00:00:00Z")));
    assertThat(expired).isInstanceOf(EvidenceException.class);
  }
}
