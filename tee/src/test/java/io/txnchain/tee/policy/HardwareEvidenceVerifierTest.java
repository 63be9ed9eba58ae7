package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hardware formats through the existing evidence SPI that ledger, node and client use. */
class HardwareEvidenceVerifierTest {
  private final AttestationVerifier verifier = AttestationVerifier.pinned();
  private final EvidenceVerifiers verifiers =
      EvidenceVerifiers.builtIn()
          .register(
              new HardwareEvidenceVerifier(
                  "sgx-dcap", verifier, AttestationPolicy.defaults(), q -> Samples.sgxCollateral()))
          .register(
              new HardwareEvidenceVerifier(
                  "tdx", verifier, AttestationPolicy.defaults(), q -> Samples.tdxCollateral()));
  private final byte[] hello =
      Arrays.copyOf("Hello, world!".getBytes(StandardCharsets.US_ASCII), 32);

  @Test
  void acceptsAQuoteWhoseReportDataStartsWithTheBinding() throws Exception {
    EvidenceClaims claims =
        verifiers.verify(
            new Evidence("sgx-dcap", Samples.sgxQuote()),
            EvidencePolicy.strict(),
            hello,
            Samples.DCAP_NOW);

    assertThat(claims.simulated()).isFalse();
    assertThat(HexFormat.of().formatHex(claims.measurement()))
        .isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
    assertThat(claims.tcb()).startsWith("sgx ConfigurationAndSWHardeningNeeded");
  }

  @Test
  void refusesAnotherBindingAnotherMeasurementAMislabelledFormatAndExpiredCollateral() {
    Evidence quote = new Evidence("sgx-dcap", Samples.sgxQuote());

    assertThatThrownBy(
            () -> verifiers.verify(quote, EvidencePolicy.strict(), new byte[32], Samples.DCAP_NOW))
        .hasMessageContaining("report data");
    assertThatThrownBy(
            () ->
                verifiers.verify(
                    quote,
                    EvidencePolicy.strict().withMeasurements(Set.of("ab".repeat(32))),
                    hello,
                    Samples.DCAP_NOW))
        .hasMessageContaining("not in the allowed list");
    assertThatThrownBy(
            () ->
                verifiers.verify(
                    new Evidence("tdx", Samples.sgxQuote()),
                    EvidencePolicy.strict(),
                    hello,
                    Samples.DCAP_NOW))
        .hasMessageContaining("labelled tdx is sgx");
    assertThatThrownBy(
            () ->
                verifiers.verify(
                    quote,
                    EvidencePolicy.strict(),
                    hello,
                    java.time.Instant.parse("2025-08-01T00:00:00Z")))
        .hasMessageContaining("collateral expired");
  }
}
