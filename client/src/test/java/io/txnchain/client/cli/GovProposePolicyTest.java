package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gov propose set-attestation-policy}: the policy file is checked before anything is sent.
 */
class GovProposePolicyTest {
  @TempDir Path home;

  private CliRunner.Run cli(String... args) {
    // Nothing listens there: a usage error must be found before the node is asked.
    return new CliRunner(home).env("TXNCHAIN_NODE", "http://127.0.0.1:9").run(args);
  }

  @Test
  void aMissingOrInvalidPolicyFileIsAUsageError() throws Exception {
    CliRunner.Run missing = cli("gov", "propose", "set-attestation-policy");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--file");

    Path bad = home.resolve("bad.json");
    Files.writeString(bad, "{\"allowDebugg\": true}");
    CliRunner.Run invalid =
        cli("gov", "propose", "set-attestation-policy", "--file", bad.toString());
    assertThat(invalid.exit()).isEqualTo(2);
    assertThat(invalid.err())
        .contains("invalid attestation policy", "unknown member 'allowDebugg'");

    Path good = home.resolve("good.json");
    Files.writeString(
        good, "{\"tee\": {\"sgx\": {\"minTcb\": {\"tcbEvaluationDataNumber\": 17}}}}");
    CliRunner.Run valid =
        cli("gov", "propose", "set-attestation-policy", "--file", good.toString());
    // A valid policy gets as far as the key and the node.
    assertThat(valid.exit()).isNotEqualTo(0).isNotEqualTo(2);
  }
}
