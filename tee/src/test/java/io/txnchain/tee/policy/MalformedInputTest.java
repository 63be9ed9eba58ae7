package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralFiles;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: truncated evidence and collateral, and random bytes behind a valid header, are
 * rejected with a reason; nothing throws past the verifier or the collateral reader.
 */
class MalformedInputTest {
  private final AttestationVerifier verifier = AttestationVerifier.pinned();

  @Test
  void everyTruncationOfEveryKindOfEvidenceIsRejected() {
    record Case(byte[] evidence, Collateral collateral, int significant) {}
    for (Case c :
        List.of(
            new Case(Samples.snpReport(), Samples.snpCollateral(), 1184),
            new Case(Samples.sgxQuote(), Samples.sgxCollateral(), quoteEnd(Samples.sgxQuote())),
            new Case(Samples.tdxQuote(), Samples.tdxCollateral(), quoteEnd(Samples.tdxQuote())))) {
      // Bytes after a quote's signature data are ignored, so only shorter prefixes must fail.
      for (int len = 0; len < c.significant(); len += len < 800 ? 1 : 13) {
        Verdict v =
            verifier.verify(
                Arrays.copyOf(c.evidence(), len),
                c.collateral(),
                AttestationPolicy.defaults().withAllowDebug(true),
                Samples.DCAP_NOW);
        assertThat(v.accepted()).as("prefix of %d bytes", len).isFalse();
        assertThat(v.reasons()).isNotEmpty();
      }
    }
  }

  private static int quoteEnd(byte[] quote) {
    java.nio.ByteBuffer le =
        java.nio.ByteBuffer.wrap(quote).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int signed = le.getShort(0) == 3 ? 48 + 384 : 48 + 584;
    return signed + 4 + le.getInt(signed);
  }

  @Test
  void randomBodiesBehindValidHeadersAreRejected() {
    Random random = new Random(7);
    Collateral collateral = Samples.sgxCollateral();
    for (byte[] sample : List.of(Samples.snpReport(), Samples.sgxQuote(), Samples.tdxQuote())) {
      for (int i = 0; i < 200; i++) {
        byte[] junk = new byte[sample.length];
        random.nextBytes(junk);
        System.arraycopy(sample, 0, junk, 0, 8);
        Verdict v =
            verifier.verify(junk, collateral, AttestationPolicy.defaults(), Samples.DCAP_NOW);
        assertThat(v.accepted()).isFalse();
      }
    }
  }

  @Test
  void truncatedCollateralFilesAreRefusedWithAnIllegalArgument() {
    for (String name :
        List.of(
            "dcap-qvl/sgx_quote_collateral.json",
            "go-sev-guest/vcek.testcer",
            "go-sev-guest/ask_ark_milan.pem")) {
      byte[] file = Samples.bytes(name);
      for (int len = 1; len < file.length; len += 37) {
        byte[] cut = Arrays.copyOf(file, len);
        try {
          CollateralFiles.read(cut);
        } catch (IllegalArgumentException expected) {
          // A refusal with a reason is the only acceptable failure.
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
    assertThatThrownBy(
            () ->
                CollateralFiles.read(
                    Arrays.copyOf(Samples.bytes("go-sev-guest/vcek.testcer"), 100)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
