package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.evidence.TcbStatus;
import io.txnchain.tee.evidence.TeeType;
import io.txnchain.tee.sim.SimEvidenceProvider;
import io.txnchain.tee.sim.SimPlatform;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttestationPolicyTest {
  private static final String MRENCLAVE =
      "33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb";
  private static final String MRSIGNER =
      "815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6";
  private final AttestationVerifier verifier = AttestationVerifier.pinned();

  private Verdict sgx(AttestationPolicy p) {
    return verifier.verify(Samples.sgxQuote(), Samples.sgxCollateral(), p, Samples.DCAP_NOW);
  }

  private Verdict snp(AttestationPolicy p, byte[] binding) {
    return verifier.verify(
        Samples.snpReport(), Samples.snpCollateral(), p, binding, Samples.SNP_NOW);
  }

  @Test
  void sgxMeasurementAllowListByMrenclaveOrBySignerAndMinimumSvn() {
    AttestationPolicy base = AttestationPolicy.defaults();

    assertThat(sgx(base.allowing(TeeType.SGX, Map.of("mrenclave", MRENCLAVE))).accepted()).isTrue();
    assertThat(
            sgx(base.allowing(
                    TeeType.SGX, Map.of("mrsigner", MRSIGNER, "isvProdId", "0", "minIsvSvn", "0")))
                .accepted())
        .isTrue();
    Verdict tooOld =
        sgx(base.allowing(TeeType.SGX, Map.of("mrsigner", MRSIGNER, "minIsvSvn", "1")));
    assertThat(tooOld.reasons())
        .containsExactly(
            "the sgx identity (measurement " + MRENCLAVE + ") is not allowed by the policy");
    // Rules for another TEE type do not constrain SGX.
    assertThat(sgx(base.allowing(TeeType.TDX, Map.of("mrtd", "00"))).accepted()).isTrue();
  }

  @Test
  void aFlatMeasurementListMapsOntoEveryTypeByLengthAndRefusesTheOthers() {
    String mrtd =
        "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7";
    AttestationPolicy both =
        AttestationPolicy.defaults()
            .withMeasurementList(List.of("0x" + MRENCLAVE.toUpperCase(), mrtd));
    AttestationPolicy tdxOnly = AttestationPolicy.defaults().withMeasurementList(List.of(mrtd));

    assertThat(sgx(both).accepted()).isTrue();
    assertThat(
            verifier
                .verify(Samples.tdxQuote(), Samples.tdxCollateral(), both, Samples.DCAP_NOW)
                .accepted())
        .isTrue();
    assertThat(sgx(tdxOnly).reasons())
        .containsExactly("sgx evidence is not accepted by the policy");
    assertThat(both.rulesFor(TeeType.SEV_SNP).allow()).containsExactly(Map.of("measurement", mrtd));
    assertThat(AttestationPolicy.defaults().withMeasurementList(List.of()))
        .isEqualTo(AttestationPolicy.defaults());
    assertThat(AttestationPolicy.fromJson(tdxOnly.toJsonString())).isEqualTo(tdxOnly);
    assertThatThrownBy(() -> both.withMeasurementList(List.of("abcd")))
        .hasMessageContaining("got 2");
    assertThatThrownBy(() -> both.withMeasurementList(List.of("xyz")))
        .hasMessageContaining("must be hex");
  }

  @Test
  void acceptedStatusesAndMinimumTcb() {
    AttestationPolicy upToDateOnly =
        new AttestationPolicy(false, false, EnumSet.of(TcbStatus.UP_TO_DATE), null, Map.of());
    assertThat(sgx(upToDateOnly).reasons())
        .singleElement()
        .asString()
        .startsWith("TCB status ConfigurationAndSWHardeningNeeded is not accepted");

    AttestationPolicy newerTcb =
        AttestationPolicy.defaults()
            .withRules(
                TeeType.SGX,
                new TeeRules(List.of(), Map.of("tcbEvaluationDataNumber", 18L), Map.of()));
    assertThat(sgx(newerTcb).reasons())
        .containsExactly("TCB component tcbEvaluationDataNumber is 17, below the minimum 18");
  }

  @Test
  void everyReasonIsListedNotOnlyTheFirst() {
    AttestationPolicy p =
        AttestationPolicy.defaults()
            .withRules(
                TeeType.SEV_SNP, new TeeRules(List.of(), Map.of("snp", 8L), Map.of("vmpl", "1")));

    Verdict v = snp(p, new byte[32]);

    assertThat(v.accepted()).isFalse();
    assertThat(v.reasons())
        .containsExactly(
            "the sev-snp TEE runs in debug mode and the policy forbids debug",
            "TCB component snp is 5, below the minimum 8",
            "vmpl is 0 but the policy requires 1",
            "the report data does not carry the expected binding (the evidence belongs to another"
                + " key or nonce)");
  }

  @Test
  void reportDataBindingIsAPrefixFollowedByZeros() {
    AttestationPolicy p = AttestationPolicy.defaults().withAllowDebug(true);
    byte[] nonce = {1, 2, 3, 4, 5};

    assertThat(snp(p, nonce).accepted()).isTrue();
    assertThat(snp(p, Arrays.copyOf(nonce, 64)).accepted()).isTrue();
    assertThat(snp(p, new byte[] {1, 2, 3, 4}).accepted()).isFalse();
    assertThat(snp(p, new byte[] {1, 2, 3, 4, 6}).accepted()).isFalse();
    byte[] hello = "Hello, world!".getBytes(StandardCharsets.US_ASCII);
    assertThat(
            sgx(AttestationPolicy.fromJson(
                    "{\"reportData\": \"" + java.util.HexFormat.of().formatHex(hello) + "\"}"))
                .accepted())
        .isTrue();
  }

  @Test
  void simulatedEvidenceOnlyWhenAllowed() {
    SimPlatform platform = SimPlatform.of(new byte[32], new byte[32]);
    byte[] measurement = new byte[32];
    measurement[0] = 7;
    byte[] binding = new byte[32];
    binding[0] = 9;
    byte[] evidence = new SimEvidenceProvider(platform, measurement).produce(binding).data();

    Verdict refused =
        verifier.verify(
            evidence, Collateral.empty(), AttestationPolicy.defaults(), binding, Samples.DCAP_NOW);
    Verdict allowed =
        verifier.verify(
            evidence,
            Collateral.empty(),
            AttestationPolicy.defaults().withAllowSimulated(true),
            binding,
            Samples.DCAP_NOW);

    assertThat(AttestationVerifier.detect(evidence)).contains(TeeType.SIM);
    assertThat(refused.reasons()).singleElement().asString().contains("SIMULATED");
    assertThat(allowed.accepted()).isTrue();
    assertThat(allowed.evidence().tee()).isEqualTo(TeeType.SIM);
  }

  @Test
  void jsonFormIsCanonicalAndRoundTrips() {
    String json =
        "{\"tee\": {\"sgx\": {\"allow\": [{\"mrenclave\": \"0xABCD\"}], \"minTcb\":"
            + " {\"pceSvn\": 13}}, \"sev-snp\": {\"require\": {\"vmpl\": 0}}},"
            + " \"allowDebug\": false, \"acceptedTcbStatuses\": [\"UpToDate\", \"SWHardeningNeeded\"]}";
    AttestationPolicy p = AttestationPolicy.fromJson(json);

    assertThat(p.toJsonString())
        .isEqualTo(
            "{\"allowSimulated\":false,\"allowDebug\":false,"
                + "\"acceptedTcbStatuses\":[\"UpToDate\",\"SWHardeningNeeded\"],"
                + "\"tee\":{\"sev-snp\":{\"accept\":true,\"allow\":[],\"minTcb\":{},\"require\":{\"vmpl\":\"0\"}},"
                + "\"sgx\":{\"accept\":true,\"allow\":[{\"mrenclave\":\"ABCD\"}],\"minTcb\":{\"pceSvn\":13},"
                + "\"require\":{}}}}");
    assertThat(AttestationPolicy.fromJson(p.toJsonString())).isEqualTo(p);
    assertThat(AttestationPolicy.fromJson("{}")).isEqualTo(AttestationPolicy.defaults());
  }

  @Test
  void policiesMayNameEveryDecodedFieldAndNoOther() throws Exception {
    assertThat(AttestationPolicy.FIELDS.get(TeeType.SEV_SNP))
        .containsAll(
            verifier
                .inspect(Samples.snpReport(), Samples.snpCollateral(), Samples.SNP_NOW)
                .fields()
                .keySet());
    assertThat(AttestationPolicy.FIELDS.get(TeeType.SGX))
        .containsAll(
            verifier
                .inspect(Samples.sgxQuote(), Samples.sgxCollateral(), Samples.DCAP_NOW)
                .fields()
                .keySet());
    assertThat(AttestationPolicy.FIELDS.get(TeeType.TDX))
        .containsAll(
            verifier
                .inspect(Samples.tdxQuote(), Samples.tdxCollateral(), Samples.DCAP_NOW)
                .fields()
                .keySet());
    assertThatThrownBy(
            () ->
                AttestationPolicy.fromJson(
                    "{\"tee\": {\"tdx\": {\"allow\": [{\"mrtdd\": \"ab\"}]}}}"))
        .hasMessageContaining("unknown tdx field 'mrtdd'");
    assertThatThrownBy(
            () ->
                AttestationPolicy.fromJson(
                    "{\"tee\": {\"sgx\": {\"allow\": [{\"minIsvSvm\": 1}]}}}"))
        .hasMessageContaining("unknown sgx field 'isvSvm'");
    assertThatThrownBy(
            () ->
                AttestationPolicy.fromJson(
                    "{\"tee\": {\"sev-snp\": {\"require\": {\"vmpI\": 0}}}}"))
        .hasMessageContaining("unknown sev-snp field 'vmpI'");
    // A minimum over a hex field never matches rather than failing the verification.
    Verdict v =
        sgx(AttestationPolicy.defaults().allowing(TeeType.SGX, Map.of("minMrenclave", "1")));
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void invalidPoliciesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> AttestationPolicy.fromJson("{\"allowDebugg\": true}"))
        .hasMessageContaining("unknown member 'allowDebugg'");
    assertThatThrownBy(() -> AttestationPolicy.fromJson("{\"acceptedTcbStatuses\": [\"Fine\"]}"))
        .hasMessageContaining("unknown TCB status 'Fine'");
    assertThatThrownBy(
            () -> AttestationPolicy.fromJson("{\"tee\": {\"sgx\": {\"minTcb\": {\"snp\": 1}}}}"))
        .hasMessageContaining("unknown sgx TCB component 'snp'");
    assertThatThrownBy(() -> AttestationPolicy.fromJson("{\"tee\": {\"sgx2\": {}}}"))
        .hasMessageContaining("unknown TEE type 'sgx2'");
    assertThatThrownBy(() -> AttestationPolicy.fromJson("[1]"))
        .hasMessageContaining("must be a JSON object");
  }
}
