package io.txnchain.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.tee.evidence.TcbStatus;
import io.txnchain.tee.evidence.TeeType;
import io.txnchain.tee.policy.AttestationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code set_attestation_policy} puts the whole attestation policy in governance; the older actions
 * edit that one policy.
 */
class AttestationPolicyActionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Secp256k1KeyPair alice = Secp256k1KeyPair.generate(new SecureRandom());

  @TempDir Path dir;

  private static final String POLICY =
      """
      {"tee": {"sgx": {"minTcb": {"tcbEvaluationDataNumber": 17},
                       "allow": [{"mrsigner": "0x%s", "isvProdId": 0, "minIsvSvn": 2}]},
               "sev-snp": {"require": {"vmpl": 0}, "minTcb": {"snp": 5, "bootloader": 2}}},
       "acceptedTcbStatuses": ["SWHardeningNeeded", "UpToDate"],
       "allowSimulated": true}
      """
          .formatted("AB".repeat(32));

  private Genesis genesis() {
    return Genesis.of(List.of(alice.address().toChecksumHex()), true, true, List.of());
  }

  private static String propose(String action) {
    return "{\"op\":\"propose\",\"action\":" + action + "}";
  }

  private static String setPolicy(String policy) {
    return propose("{\"type\":\"set_attestation_policy\",\"policy\":" + policy + "}");
  }

  @Test
  void theWholePolicyIsStoredCanonicallyAndShownByGovList() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis())) {
      GovFixture.Result r = f.submit(alice, "gov", setPolicy(POLICY));
      assertThat(r.rejection()).isNull();
      assertThat(r.output()).contains("\"status\":\"accepted\"");

      AttestationPolicy expected = AttestationPolicy.fromJson(POLICY);
      AttestationPolicy stored = f.view.policy().attestation();
      assertThat(stored).isEqualTo(expected);
      assertThat(stored.acceptedTcbStatuses())
          .containsExactly(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED);
      assertThat(stored.rulesFor(TeeType.SGX).allow().get(0))
          .containsEntry("mrsigner", "ab".repeat(32).toUpperCase());

      var list = f.view.toJson(10);
      assertThat(list.at("/policy/attestation/tee/sgx/minTcb/tcbEvaluationDataNumber").asLong())
          .isEqualTo(17);
      assertThat(list.at("/policy/attestation/tee/sev-snp/require/vmpl").asText()).isEqualTo("0");
      assertThat(list.at("/policy/allowSimulated").asBoolean()).isTrue();
      // The proposal records the canonical form: reading it back gives the same text.
      String recorded = list.at("/proposals/0/action/policy").toString();
      assertThat(AttestationPolicy.fromJson(recorded).toJsonString()).isEqualTo(recorded);
      assertThat(recorded).isEqualTo(expected.toJsonString());
    }
  }

  @Test
  void twoSpellingsOfOnePolicyLeaveTheSameState() throws Exception {
    String respelt =
        """
        {"allowSimulated": true,
         "acceptedTcbStatuses": ["UpToDate", "SWHardeningNeeded"],
         "tee": {"sev-snp": {"minTcb": {"bootloader": 2, "snp": 5}, "require": {"vmpl": "0"}},
                 "sgx": {"allow": [{"minIsvSvn": "2", "isvProdId": "0", "mrsigner": "%s"}],
                         "minTcb": {"tcbEvaluationDataNumber": 17}}}}
        """
            .formatted("AB".repeat(32));
    byte[][] roots = new byte[2][];
    String[] spellings = {POLICY, respelt};
    for (int i = 0; i < 2; i++) {
      Path run = dir.resolve("run" + i);
      if (i == 1) {
        Files.createDirectories(run.resolve("enclave"));
        try (var files = Files.list(dir.resolve("run0").resolve("enclave"))) {
          for (Path p : files.toList()) {
            Files.copy(p, run.resolve("enclave").resolve(p.getFileName()));
          }
        }
      }
      try (GovFixture f = new GovFixture(run, genesis())) {
        assertThat(f.submit(alice, "gov", setPolicy(spellings[i])).rejection()).isNull();
        roots[i] = f.machine.head().stateRoot();
      }
    }
    assertThat(roots[1]).isEqualTo(roots[0]);
  }

  @Test
  void malformedOrSelfContradictoryPoliciesAreRefusedWhenProposed() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis())) {
      assertRefused(f, "{\"allowDebugg\": true}", "unknown member 'allowDebugg'");
      assertRefused(f, "{\"acceptedTcbStatuses\": [\"Fine\"]}", "unknown TCB status 'Fine'");
      assertRefused(
          f, "{\"tee\": {\"sgx\": {\"minTcb\": {\"snp\": 1}}}}", "unknown sgx TCB component 'snp'");
      assertRefused(f, "{\"tee\": {\"tpm\": {}}}", "tpm");
      assertRefused(f, "[1, 2]", "must be an attestation policy object");
      assertRefused(
          f, "{\"reportData\": \"00\"}", "reportData cannot be fixed in a network policy");
      assertRefused(
          f,
          "{\"acceptedTcbStatuses\": [\"UpToDate\", \"Revoked\"]}",
          "acceptedTcbStatuses cannot include Revoked");
      assertRefused(
          f,
          "{\"acceptedTcbStatuses\": [], \"tee\": {\"sev-snp\": {\"accept\": false}}}",
          "sgx is accepted but acceptedTcbStatuses is empty");
      assertRefused(
          f,
          "{\"tee\": {\"sgx\": {\"accept\": false}, \"tdx\": {\"accept\": false},"
              + " \"sev-snp\": {\"accept\": false}}}",
          "accepts no evidence of any TEE type");
      assertRefused(
          f,
          "{\"tee\": {\"sev-snp\": {\"require\": {\"debugAllowed\": true}}}}",
          "sev-snp requires debugAllowed = true but the policy forbids debug");
      assertRefused(
          f,
          "{\"tee\": {\"tdx\": {\"allow\": [{\"mrtd\": \"01\"}], \"require\": {\"mrtd\": \"02\"}}}}",
          "every tdx allow rule names a value that 'require' forbids");
      assertThat(f.view.proposals(10)).isEmpty();
      assertThat(f.view.policy().attestation())
          .isEqualTo(AttestationPolicy.defaults().withAllowSimulated(true));
    }
  }

  private void assertRefused(GovFixture f, String policy, String reason) throws Exception {
    GovFixture.Result r = f.submit(alice, "gov", setPolicy(policy));
    assertThat(r.rejection()).as(policy).contains("invalid_field", reason);
  }

  @Test
  void theOlderActionsEditTheOnePolicy() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis())) {
      f.submit(alice, "gov", setPolicy(POLICY));
      String m = "cd".repeat(32);
      assertThat(
              f.submit(
                      alice,
                      "gov",
                      propose("{\"type\":\"allow_measurement\",\"measurement\":\"" + m + "\"}"))
                  .rejection())
          .isNull();
      AttestationPolicy p = f.view.policy().attestation();
      assertThat(f.view.policy().measurements()).containsExactly(m);
      // The listed code joins the mrsigner rule; the minimum TCB stays.
      assertThat(p.rulesFor(TeeType.SGX).allow()).hasSize(2);
      assertThat(p.rulesFor(TeeType.SGX).minTcb()).containsEntry("tcbEvaluationDataNumber", 17L);
      assertThat(p.rulesFor(TeeType.SIM).allow())
          .containsExactly(java.util.Map.of("measurement", m));
      // Listing code means only listed code: TDX, which had no identity rule, is now refused.
      assertThat(p.rulesFor(TeeType.TDX).accept()).isFalse();
      assertThat(p.rulesFor(TeeType.SEV_SNP).accept()).isFalse();

      String snp = "ef".repeat(48);
      f.submit(
          alice,
          "gov",
          propose("{\"type\":\"allow_measurement\",\"measurement\":\"" + snp + "\"}"));
      p = f.view.policy().attestation();
      assertThat(p.rulesFor(TeeType.SEV_SNP).accept()).isTrue();
      assertThat(p.rulesFor(TeeType.SEV_SNP).require()).containsEntry("vmpl", "0");
      assertThat(p.rulesFor(TeeType.TDX).allow()).containsExactly(java.util.Map.of("mrtd", snp));

      f.submit(alice, "gov", propose("{\"type\":\"set_simulated_policy\",\"allow\":false}"));
      assertThat(f.view.policy().allowSimulated()).isFalse();
      assertThat(f.view.policy().attestation().acceptedTcbStatuses()).hasSize(2);

      f.submit(
          alice,
          "gov",
          propose("{\"type\":\"revoke_measurement\",\"measurement\":\"" + snp + "\"}"));
      p = f.view.policy().attestation();
      assertThat(f.view.policy().measurements()).containsExactly(m);
      // Revoking never widens: TDX and SEV-SNP lost their only rule and are refused, not opened.
      assertThat(p.rulesFor(TeeType.TDX).accept()).isFalse();
      assertThat(p.rulesFor(TeeType.SEV_SNP).accept()).isFalse();
    }
  }

  @Test
  void revokingTheLastMeasurementOfASimNetworkIsRefusedNotWidened() throws Exception {
    Genesis listed =
        Genesis.of(List.of(alice.address().toChecksumHex()), true, true, List.of("aa".repeat(32)));
    try (GovFixture f = new GovFixture(dir, listed)) {
      assertThat(f.view.policy().measurements()).containsExactly("aa".repeat(32));
      GovFixture.Result r =
          f.submit(
              alice,
              "gov",
              propose(
                  "{\"type\":\"revoke_measurement\",\"measurement\":\"" + "aa".repeat(32) + "\"}"));
      assertThat(r.rejection())
          .contains("action_invalid", "accepts no evidence", "set_attestation");
      assertThat(f.view.policy().measurements()).containsExactly("aa".repeat(32));
    }
  }

  @Test
  void aLedgerWithTheFlatPolicyReadsAsTheSamePolicy() throws Exception {
    String m = "ab".repeat(32);
    Policy legacy =
        Policy.fromJson(
            JSON.readTree(
                "{\"allowSimulated\":true,\"autoAdmit\":false,\"measurements\":[\"" + m + "\"]}"));
    assertThat(legacy).isEqualTo(Policy.of(true, false, List.of(m)));
    assertThat(legacy.measurements()).containsExactly(m);
    assertThat(Policy.fromJson(legacy.toStoredJson())).isEqualTo(legacy);
  }
}
