package io.txnchain.tee.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.Verdict;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Collateral written as bundle items and read back verifies the genuine samples exactly as the
 * files it came from; a changed byte in any item is refused.
 */
class CollateralBundleTest {
  private static final Instant DCAP_NOW = Instant.parse("2025-07-01T00:00:00Z");
  private static final Instant SNP_NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final AttestationVerifier verifier = AttestationVerifier.pinned();

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = CollateralBundleTest.class.getResourceAsStream("/attestation/" + name)) {
      return in.readAllBytes();
    }
  }

  private static Collateral files(String... names) throws Exception {
    Collateral.Builder b = Collateral.builder();
    for (String n : names) {
      b.addAll(CollateralFiles.read(resource(n)).collateral());
    }
    return b.build();
  }

  private Verdict verify(String evidence, Collateral c, Instant now) throws Exception {
    // The SEV-SNP sample was taken from a guest that allows debugging.
    return verifier.verify(
        resource(evidence), c, AttestationPolicy.defaults().withAllowDebug(true), now);
  }

  @Test
  void sgxTdxAndSnpCollateralSurviveTheRoundTrip() throws Exception {
    record Sample(String evidence, Collateral collateral, Instant now) {}
    List<Sample> samples =
        List.of(
            new Sample("dcap-qvl/sgx_quote", files("dcap-qvl/sgx_quote_collateral.json"), DCAP_NOW),
            new Sample("dcap-qvl/tdx_quote", files("dcap-qvl/tdx_quote_collateral.json"), DCAP_NOW),
            new Sample(
                "go-sev-guest/attestation.bin",
                files("go-sev-guest/vcek.testcer", "go-sev-guest/ask_ark_milan.pem"),
                SNP_NOW));
    for (Sample s : samples) {
      List<byte[]> items = CollateralBundle.encode(s.collateral());
      Collateral back = CollateralBundle.decode(items);

      assertThat(back.certificates()).isEqualTo(s.collateral().certificates());
      assertThat(back.crls()).isEqualTo(s.collateral().crls());
      assertThat(back.tcbInfos()).hasSameSizeAs(s.collateral().tcbInfos());
      Verdict v = verify(s.evidence(), back, s.now());
      assertThat(v.accepted()).as("%s: %s", s.evidence(), v.reasons()).isTrue();
      assertThat(v.evidence().tcbStatus())
          .isEqualTo(verify(s.evidence(), s.collateral(), s.now()).evidence().tcbStatus());
      assertThat(CollateralBundle.encode(back))
          .as("encoding is stable")
          .usingElementComparator(java.util.Arrays::compare)
          .containsExactlyElementsOf(items);
    }
  }

  /**
   * Every item the verification depends on (without it the quote is refused) is refused when one of
   * its bytes changes. Copies of certificates the quote carries itself, or of the pinned root, are
   * not needed, and a change to them changes nothing.
   */
  @Test
  void aChangedByteInAnyNeededItemIsRefused() throws Exception {
    List<byte[]> items = CollateralBundle.encode(files("dcap-qvl/sgx_quote_collateral.json"));
    assertThat(accepted(items)).isTrue();
    int needed = 0;
    for (int i = 0; i < items.size(); i++) {
      List<byte[]> without = new ArrayList<>(items);
      without.remove(i);
      if (accepted(without)) {
        continue;
      }
      needed++;
      List<byte[]> changed = new ArrayList<>(items);
      byte[] item = items.get(i).clone();
      // A byte in the middle: inside the signed body of a certificate, CRL or Intel JSON.
      item[item.length / 2] ^= 0x01;
      changed.set(i, item);
      Collateral c;
      try {
        c = CollateralBundle.decode(changed);
      } catch (IllegalArgumentException unreadable) {
        continue;
      }
      Verdict v = verify("dcap-qvl/sgx_quote", c, DCAP_NOW);
      assertThat(v.accepted()).as("item %d changed", i).isFalse();
    }
    // At least the TCB Info, the QE Identity, both CRLs and the TCB signing certificate.
    assertThat(needed).isGreaterThanOrEqualTo(5);
  }

  private boolean accepted(List<byte[]> items) throws Exception {
    return verify("dcap-qvl/sgx_quote", CollateralBundle.decode(items), DCAP_NOW).accepted();
  }

  @Test
  void boundsAreEnforcedWithTheItemNamed() throws Exception {
    assertThatThrownBy(
            () -> CollateralBundle.decode(Collections.nCopies(33, resource("dcap-qvl/sgx_quote"))))
        .hasMessageContaining("33 items");
    assertThatThrownBy(
            () -> CollateralBundle.decode(List.of(new byte[CollateralBundle.MAX_ITEM_BYTES + 1])))
        .hasMessageContaining("item 0 has");
    assertThatThrownBy(() -> CollateralBundle.decode(List.of("hello".getBytes())))
        .hasMessageContaining("collateral item 0: unrecognised");
  }
}
