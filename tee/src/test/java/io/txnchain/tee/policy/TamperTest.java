package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.collateral.Certificates;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.SignedJson;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Changing any single byte of the evidence, a certificate or the collateral makes genuine evidence
 * fail. Each test walks every position of the signed regions and signatures; certificate and
 * collateral bodies are walked with a stride to keep the suite fast (a few seconds here).
 */
class TamperTest {
  private static final AttestationPolicy LENIENT =
      AttestationPolicy.defaults().withAllowDebug(true);
  private final AttestationVerifier verifier = AttestationVerifier.pinned();

  private boolean accepted(byte[] evidence, Collateral collateral, Instant now) {
    return verifier.verify(evidence, collateral, LENIENT, now).accepted();
  }

  /** Positions (of {@code length}) whose single-byte change was still accepted. */
  private static List<Integer> survivors(
      int from, int to, int stride, Function<Integer, Boolean> ok) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i += stride) {
      if (ok.apply(i)) {
        out.add(i);
      }
    }
    return out;
  }

  private static byte[] flip(byte[] b, int i) {
    byte[] c = b.clone();
    c[i] ^= 0x01;
    return c;
  }

  @Test
  void everyByteOfTheSnpReportMatters() {
    byte[] report = Samples.snpReport();
    Collateral c = Samples.snpCollateral();
    assertThat(accepted(report, c, Samples.SNP_NOW)).isTrue();

    assertThat(survivors(0, report.length, 1, i -> accepted(flip(report, i), c, Samples.SNP_NOW)))
        .isEmpty();
  }

  @Test
  void everyByteOfTheVcekMatters() throws Exception {
    byte[] report = Samples.snpReport();
    byte[] vcek = Samples.bytes("go-sev-guest/vcek.testcer");
    Collateral chain = Samples.collateral("go-sev-guest/ask_ark_milan.pem");

    List<Integer> survived =
        survivors(
            0,
            vcek.length,
            1,
            i -> {
              Collateral c;
              try {
                c =
                    Collateral.builder()
                        .certificate(Certificates.certificate(flip(vcek, i)))
                        .build();
              } catch (Exception unreadable) {
                return false;
              }
              return accepted(report, c.plus(chain), Samples.SNP_NOW);
            });
    assertThat(survived).isEmpty();
  }

  @Test
  void snpRejectedOutsideTheVcekValidityAndWithAnotherProductsChain() {
    byte[] report = Samples.snpReport();
    Verdict late =
        verifier.verify(
            report, Samples.snpCollateral(), LENIENT, Instant.parse("2029-09-24T01:00:00Z"));
    Verdict early =
        verifier.verify(
            report, Samples.snpCollateral(), LENIENT, Instant.parse("2022-09-23T00:00:00Z"));
    Verdict genoa =
        verifier.verify(
            report,
            Samples.collateral("go-sev-guest/vcek.testcer", "go-sev-guest/ask_ark_genoa.pem"),
            LENIENT,
            Samples.SNP_NOW);
    Verdict noVcek =
        verifier.verify(
            report, Samples.collateral("go-sev-guest/ask_ark_milan.pem"), LENIENT, Samples.SNP_NOW);

    assertThat(late.reasons()).anyMatch(r -> r.contains("SEV-VCEK expired"));
    assertThat(early.reasons()).anyMatch(r -> r.contains("not valid before"));
    assertThat(genoa.accepted()).isFalse();
    assertThat(genoa.reasons()).anyMatch(r -> r.contains("SEV-Milan"));
    assertThat(noVcek.reasons()).contains("no VCEK certificate in the collateral");
  }

  @Test
  void everyByteOfTheSgxQuoteMatters() throws Exception {
    walkQuote(Samples.sgxQuote(), Samples.sgxCollateral());
  }

  @Test
  void everyByteOfTheTdxQuoteMatters() throws Exception {
    walkQuote(Samples.tdxQuote(), Samples.tdxCollateral());
  }

  /**
   * Every byte of the signed region and the quote signature; every third byte of the rest before
   * the PEM chain (key, QE report and its signature, auth data); every ninth DER byte of the
   * chain's certificates; and the padding after the signature data, which is ignored and so must be
   * accepted.
   */
  private void walkQuote(byte[] quote, Collateral c) throws Exception {
    assertThat(accepted(quote, c, Samples.DCAP_NOW)).isTrue();
    int pemStart = indexOf(quote, "-----BEGIN".getBytes(StandardCharsets.US_ASCII));
    int end = signatureDataEnd(quote);

    int signedAndSignature = signedLength(quote) + 4 + 64;
    assertThat(
            survivors(0, signedAndSignature, 1, i -> accepted(flip(quote, i), c, Samples.DCAP_NOW)))
        .isEmpty();
    assertThat(
            survivors(
                signedAndSignature,
                pemStart,
                3,
                i -> accepted(flip(quote, i), c, Samples.DCAP_NOW)))
        .isEmpty();

    String pem = new String(quote, pemStart, end - pemStart, StandardCharsets.ISO_8859_1);
    Matcher m =
        Pattern.compile("-----BEGIN CERTIFICATE-----\\n([A-Za-z0-9+/=\\n]+)-----END").matcher(pem);
    int certs = 0;
    while (m.find()) {
      certs++;
      String body = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(body);
      int bodyAt = pemStart + m.start(1);
      List<Integer> survived =
          survivors(
              0,
              der.length,
              9,
              i -> {
                byte[] changed = reencode(flip(der, i), body);
                byte[] q = quote.clone();
                System.arraycopy(changed, 0, q, bodyAt, changed.length);
                return accepted(q, c, Samples.DCAP_NOW);
              });
      assertThat(survived).as("certificate %d of the PCK chain", certs).isEmpty();
    }
    assertThat(certs).isEqualTo(3);
    for (int i = end; i < quote.length; i++) {
      assertThat(accepted(flip(quote, i), c, Samples.DCAP_NOW)).as("padding byte %d", i).isTrue();
    }
  }

  @Test
  void everyByteOfTheIntelCollateralMatters() throws Exception {
    byte[] quote = Samples.sgxQuote();
    Collateral c = Samples.sgxCollateral();
    for (boolean tcb : new boolean[] {true, false}) {
      SignedJson j = tcb ? c.tcbInfos().get(0) : c.qeIdentities().get(0);
      byte[] body = j.signedBytes();
      List<Integer> survived =
          survivors(
              0,
              body.length,
              13,
              i -> {
                try {
                  SignedJson changed =
                      SignedJson.of(
                          new String(flip(body, i), StandardCharsets.UTF_8), j.signature());
                  return accepted(quote, replace(c, j, changed, tcb), Samples.DCAP_NOW);
                } catch (Exception unreadable) {
                  return false;
                }
              });
      assertThat(survived).as(tcb ? "TCB Info" : "QE Identity").isEmpty();
      byte[] sig = j.signature();
      assertThat(
              survivors(
                  0,
                  sig.length,
                  1,
                  i -> {
                    SignedJson changed = new SignedJson(body, flip(sig, i), j.body());
                    return accepted(quote, replace(c, j, changed, tcb), Samples.DCAP_NOW);
                  }))
          .isEmpty();
    }
    for (X509CRL crl : c.crls()) {
      byte[] der = crl.getEncoded();
      List<Integer> survived =
          survivors(
              0,
              der.length,
              17,
              i -> {
                Collateral.Builder b = Collateral.builder();
                c.certificates().forEach(b::certificate);
                c.tcbInfos().forEach(b::tcbInfo);
                c.qeIdentities().forEach(b::qeIdentity);
                c.crls().stream().filter(x -> x != crl).forEach(b::crl);
                try {
                  b.crl(Certificates.crl(flip(der, i)));
                } catch (Exception unreadable) {
                  return false;
                }
                return accepted(quote, b.build(), Samples.DCAP_NOW);
              });
      assertThat(survived).as("CRL of %s", crl.getIssuerX500Principal()).isEmpty();
    }
    for (X509Certificate cert : c.certificates()) {
      byte[] der = cert.getEncoded();
      List<Integer> survived =
          survivors(
              0,
              der.length,
              11,
              i -> {
                Collateral.Builder b = Collateral.builder();
                c.crls().forEach(b::crl);
                c.tcbInfos().forEach(b::tcbInfo);
                c.qeIdentities().forEach(b::qeIdentity);
                c.certificates().stream().filter(x -> x != cert).forEach(b::certificate);
                try {
                  b.certificate(Certificates.certificate(flip(der, i)));
                } catch (Exception unreadable) {
                  return false;
                }
                return accepted(quote, b.build(), Samples.DCAP_NOW);
              });
      // A changed copy of the root CA is ignored (the pinned one is used), and the PCK CA in the
      // CRL issuer chain duplicates the quote's own; every other certificate must matter.
      String name = Certificates.subjectName(cert);
      if (name.equals("Intel SGX TCB Signing")) {
        assertThat(survived).as(name).isEmpty();
      }
    }
  }

  private static Collateral replace(Collateral c, SignedJson old, SignedJson now, boolean tcb) {
    Collateral.Builder b = Collateral.builder();
    c.certificates().forEach(b::certificate);
    c.crls().forEach(b::crl);
    c.tcbInfos().stream().filter(x -> x != old).forEach(b::tcbInfo);
    c.qeIdentities().stream().filter(x -> x != old).forEach(b::qeIdentity);
    if (tcb) {
      b.tcbInfo(now);
    } else {
      b.qeIdentity(now);
    }
    return b.build();
  }

  @Test
  void dcapRejectedOutsideTheCollateralWindow() {
    Verdict after =
        verifier.verify(
            Samples.sgxQuote(),
            Samples.sgxCollateral(),
            LENIENT,
            Instant.parse("2025-07-20T00:00:00Z"));
    Verdict before =
        verifier.verify(
            Samples.tdxQuote(),
            Samples.tdxCollateral(),
            LENIENT,
            Instant.parse("2025-06-01T00:00:00Z"));

    assertThat(after.accepted()).isFalse();
    assertThat(after.reasons()).anyMatch(r -> r.contains("collateral expired"));
    assertThat(before.accepted()).isFalse();
    assertThat(before.reasons()).anyMatch(r -> r.contains("not valid before"));
  }

  @Test
  void dcapRejectedWithoutCollateralOrWithTheOtherTeesCollateral() {
    Verdict none =
        verifier.verify(Samples.sgxQuote(), Collateral.empty(), LENIENT, Samples.DCAP_NOW);
    Verdict crossed =
        verifier.verify(Samples.sgxQuote(), Samples.tdxCollateral(), LENIENT, Samples.DCAP_NOW);

    assertThat(none.reasons())
        .anyMatch(r -> r.startsWith("no root CA CRL"))
        .anyMatch(r -> r.startsWith("no SGX TCB Info"))
        .anyMatch(r -> r.startsWith("no QE identity"));
    assertThat(crossed.accepted()).isFalse();
  }

  private static byte[] reencode(byte[] der, String layout) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder();
    int k = 0;
    for (char ch : layout.toCharArray()) {
      sb.append(ch == '\n' ? '\n' : b64.charAt(k++));
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }

  private static int signedLength(byte[] quote) {
    ByteBuffer le = ByteBuffer.wrap(quote).order(ByteOrder.LITTLE_ENDIAN);
    int version = le.getShort(0);
    return version == 3 ? 48 + 384 : version == 4 ? 48 + 584 : 54 + le.getInt(50);
  }

  private static int signatureDataEnd(byte[] quote) {
    ByteBuffer le = ByteBuffer.wrap(quote).order(ByteOrder.LITTLE_ENDIAN);
    int signed = signedLength(quote);
    return signed + 4 + le.getInt(signed);
  }
}
