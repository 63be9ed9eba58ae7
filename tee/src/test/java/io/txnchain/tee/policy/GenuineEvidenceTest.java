package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.TcbStatus;
import io.txnchain.tee.evidence.TeeType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Genuine hardware evidence is accepted at its pinned date with the values upstream documents. */
class GenuineEvidenceTest {
  private final AttestationVerifier verifier = AttestationVerifier.pinned();
  private final HexFormat hex = HexFormat.of();

  @Test
  void snpMilanReportVerifiesAndDecodes() throws Exception {
    EvidenceReport r =
        verifier.inspect(Samples.snpReport(), Samples.snpCollateral(), Samples.SNP_NOW);

    assertThat(r.problems()).isEmpty();
    assertThat(r.tee()).isEqualTo(TeeType.SEV_SNP);
    assertThat(hex.formatHex(r.measurement()))
        .isEqualTo(
            "b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01");
    assertThat(hex.formatHex(r.reportData())).isEqualTo("0102030405" + "00".repeat(59));
    assertThat(r.debug()).isTrue();
    assertThat(r.fields())
        .containsEntry("version", "2")
        .containsEntry("policy", "0xb0000")
        .containsEntry("vmpl", "0")
        .containsEntry("product", "Milan")
        .containsEntry("reportedTcb", "0x4405000000000002")
        .containsEntry("firmware", "1.49.3")
        .containsEntry("hostData", "00".repeat(32));
    assertThat(r.fields().get("chipId")).startsWith("3ac3fe21e13fb099").endsWith("8b006b5d");
    assertThat(r.tcb())
        .containsEntry("bootloader", 2L)
        .containsEntry("tee", 0L)
        .containsEntry("snp", 5L)
        .containsEntry("microcode", 68L);
    assertThat(r.tcbStatus()).isNull();
  }

  @Test
  void snpSampleAllowsDebugSoTheDefaultPolicyRejectsIt() {
    Verdict strict =
        verifier.verify(
            Samples.snpReport(),
            Samples.snpCollateral(),
            AttestationPolicy.defaults(),
            Samples.SNP_NOW);
    Verdict lenient =
        verifier.verify(
            Samples.snpReport(),
            Samples.snpCollateral(),
            AttestationPolicy.defaults().withAllowDebug(true),
            Samples.SNP_NOW);

    assertThat(strict.accepted()).isFalse();
    assertThat(strict.reasons()).singleElement().asString().contains("debug");
    assertThat(lenient.accepted()).as(lenient.reasons().toString()).isTrue();
  }

  @Test
  void sgxQuoteVerifiesWithItsTcbStatusAndAdvisories() throws Exception {
    EvidenceReport r =
        verifier.inspect(Samples.sgxQuote(), Samples.sgxCollateral(), Samples.DCAP_NOW);

    assertThat(r.problems()).isEmpty();
    assertThat(r.tee()).isEqualTo(TeeType.SGX);
    assertThat(hex.formatHex(r.measurement()))
        .isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
    assertThat(r.fields())
        .containsEntry(
            "mrsigner", "815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6")
        .containsEntry("isvProdId", "0")
        .containsEntry("isvSvn", "0")
        .containsEntry("qeSvn", "10")
        .containsEntry("pceSvn", "15")
        .containsEntry("fmspc", "00a067110000")
        .containsEntry(
            "qeMrsigner", "8c4f5775d796503e96137f77c68a829a0056ac8ded70140b081b094490c57bff");
    assertThat(hex.formatHex(r.reportData()))
        .isEqualTo("48656c6c6f2c20776f726c6421" + "00".repeat(64 - 13));
    assertThat(r.debug()).isFalse();
    assertThat(r.tcbStatus()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
    assertThat(r.advisories()).containsExactly("INTEL-SA-00289", "INTEL-SA-00615");
    assertThat(r.tcb()).containsEntry("tcbEvaluationDataNumber", 17L);

    Verdict v =
        verifier.verify(
            Samples.sgxQuote(),
            Samples.sgxCollateral(),
            AttestationPolicy.defaults(),
            Samples.DCAP_NOW);
    assertThat(v.accepted()).as(v.reasons().toString()).isTrue();
  }

  @Test
  void tdxQuoteVerifiesUpToDate() throws Exception {
    EvidenceReport r =
        verifier.inspect(Samples.tdxQuote(), Samples.tdxCollateral(), Samples.DCAP_NOW);

    assertThat(r.problems()).isEmpty();
    assertThat(r.tee()).isEqualTo(TeeType.TDX);
    assertThat(hex.formatHex(r.measurement()))
        .isEqualTo(
            "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7");
    assertThat(hex.formatHex(r.reportData()))
        .isEqualTo(
            "9a9d48e7f6799642d3d1b34e1e5e1742d4bb02dd6ddd551862c1211d35c304f9eca3efdbb481601c163cf52493d6e44aed55d51ec39b7e518fadb92c2b523f20");
    assertThat(r.fields())
        .containsEntry("tdAttributes", "0000000010000000")
        .containsEntry("fmspc", "b0c06f000000");
    assertThat(r.fields().get("mrseam")).startsWith("5b38e33a").endsWith("00c1");
    assertThat(r.fields().get("rtmr0")).startsWith("44c0197b").endsWith("c9c0");
    assertThat(r.fields().get("teeTcbSvn")).startsWith("06010300");
    assertThat(r.debug()).isFalse();
    assertThat(r.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(r.advisories()).isEmpty();
  }
}
