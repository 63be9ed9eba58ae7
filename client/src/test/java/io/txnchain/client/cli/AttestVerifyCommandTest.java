package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestVerifyCommandTest {
  private static final String DCAP_NOW = "2025-07-01T00:00:00Z";
  private static final String SNP_NOW = "2024-06-01T00:00:00Z";
  @TempDir Path dir;

  private String sample(String name) throws Exception {
    Path p = dir.resolve(name.replace('/', '_'));
    try (InputStream in = getClass().getResourceAsStream("/attestation/" + name)) {
      Files.write(p, in.readAllBytes());
    }
    return p.toString();
  }

  private CliRunner.Run attest(String... args) {
    List<String> all = new ArrayList<>(List.of("attest", "verify"));
    all.addAll(List.of(args));
    return new CliRunner(dir).run(all.toArray(String[]::new));
  }

  @Test
  void acceptsTheSgxQuoteWithItsCollateralAndPrintsTheContractFields() throws Exception {
    CliRunner.Run run =
        attest(
            "--evidence",
            sample("dcap-qvl/sgx_quote"),
            "--collateral",
            sample("dcap-qvl/sgx_quote_collateral.json"),
            "--now",
            DCAP_NOW,
            "--json");

    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode j = run.json();
    assertThat(j.path("accepted").asBoolean()).isTrue();
    assertThat(j.path("tee").asText()).isEqualTo("sgx");
    assertThat(j.path("measurement").asText())
        .isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
    assertThat(j.path("reportData").asText()).startsWith("48656c6c6f2c20776f726c6421");
    assertThat(j.path("tcbStatus").asText()).isEqualTo("ConfigurationAndSWHardeningNeeded");
    assertThat(j.path("advisories").toString())
        .isEqualTo("[\"INTEL-SA-00289\",\"INTEL-SA-00615\"]");
    assertThat(j.path("debug").asBoolean()).isFalse();
    assertThat(j.path("reasons").isArray()).isTrue();
    assertThat(j.path("reasons").isEmpty()).isTrue();
  }

  @Test
  void rejectsTheTdxQuoteAfterItsCollateralExpiredWithExit1() throws Exception {
    CliRunner.Run run =
        attest(
            "--evidence",
            sample("dcap-qvl/tdx_quote"),
            "--collateral",
            sample("dcap-qvl/tdx_quote_collateral.json"),
            "--now",
            "2025-08-01T00:00:00Z",
            "--json");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().path("accepted").asBoolean()).isFalse();
    assertThat(run.json().path("tee").asText()).isEqualTo("tdx");
    assertThat(run.json().path("reasons").toString()).contains("collateral expired");
  }

  @Test
  void snpSampleIsRejectedForDebugByDefaultAndAcceptedByAPolicyThatAllowsIt() throws Exception {
    String report = sample("go-sev-guest/attestation.bin");
    String vcek = sample("go-sev-guest/vcek.testcer");
    String chain = sample("go-sev-guest/ask_ark_milan.pem");
    CliRunner.Run strict =
        new CliRunner(dir)
            .terminal(true)
            .run(
                "attest",
                "verify",
                "--evidence",
                report,
                "--collateral",
                vcek,
                "--collateral",
                chain,
                "--now",
                SNP_NOW);
    Path policy = dir.resolve("policy.json");
    Files.writeString(
        policy,
        "{\"allowDebug\": true, \"tee\": {\"sev-snp\": {\"allow\": [{\"measurement\":"
            + " \"b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01\"}],"
            + " \"minTcb\": {\"snp\": 5}}}}");
    CliRunner.Run lenient =
        attest(
            "--evidence",
            report,
            "--collateral",
            vcek,
            "--collateral",
            chain,
            "--policy",
            policy.toString(),
            "--now",
            SNP_NOW,
            "--json");

    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).startsWith("REJECTED: sev-snp").contains("debug");
    assertThat(strict.err()).contains("rejected");
    assertThat(lenient.exit()).as(lenient.toString()).isZero();
    assertThat(lenient.json().path("tee").asText()).isEqualTo("sev-snp");
    assertThat(lenient.json().path("debug").asBoolean()).isTrue();
    assertThat(lenient.json().path("tcbStatus").isNull()).isTrue();
  }

  @Test
  void usageErrorsExitWith2() throws Exception {
    String quote = sample("dcap-qvl/sgx_quote");
    Path junk = dir.resolve("junk.txt");
    Files.writeString(junk, "not collateral");
    Path badPolicy = dir.resolve("bad.json");
    Files.writeString(badPolicy, "{\"allowDebugg\": true}");

    assertThat(attest("--evidence", dir.resolve("missing").toString()).exit()).isEqualTo(2);
    CliRunner.Run unknownKind = attest("--evidence", quote, "--collateral", junk.toString());
    assertThat(unknownKind.exit()).isEqualTo(2);
    assertThat(unknownKind.err()).contains("unrecognised collateral file");
    CliRunner.Run policy = attest("--evidence", quote, "--policy", badPolicy.toString());
    assertThat(policy.exit()).isEqualTo(2);
    assertThat(policy.err()).contains("unknown member 'allowDebugg'");
    assertThat(attest("--evidence", quote, "--now", "yesterday").exit()).isEqualTo(2);
  }

  @Test
  void unrecognisedEvidenceIsRejectedWithTheReason() throws Exception {
    Path junk = dir.resolve("evidence.bin");
    Files.write(junk, new byte[100]);

    CliRunner.Run run = attest("--evidence", junk.toString(), "--json");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().path("tee").isNull()).isTrue();
    assertThat(run.json().path("reasons").get(0).asText()).startsWith("unrecognised evidence");
  }
}
