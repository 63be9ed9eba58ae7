package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.client.sdk.UserKey;
import io.txnchain.client.testing.FakeLedger;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandTest {
  private final SecureRandom random = new SecureRandom();
  @TempDir Path home;
  private FakeLedger ledger;
  private Path keyFile;

  @BeforeEach
  void start() throws Exception {
    ledger = new FakeLedger(random);
    keyFile = home.resolve("user.key");
    UserKey.create(keyFile, random);
  }

  @AfterEach
  void stop() {
    ledger.close();
  }

  private CliRunner.Run cli(String... args) {
    return new CliRunner(home)
        .env("TXNCHAIN_NODE", ledger.url())
        .env("TXNCHAIN_KEY", keyFile.toString())
        .run(args);
  }

  @Test
  void runsAWorkOrderPinnedToTheRegisteredMeasurementAndPrintsTheResult() {
    CliRunner.Run run = cli("process", "--app", "echo", "--input", "{\"n\":1}");

    assertThat(run.exit()).as(run.toString()).isZero();
    String id = run.json().path("workOrderId").asText();
    Transaction tx = ledger.recorded.get(id);
    assertThat(tx.appMeasurement()).isEqualTo(ledger.appMeasurement);
    assertThat(tx.replyKey()).isEmpty();
    assertThat(run.json().path("node").asText()).isEqualTo("node-1");
    assertThat(run.json().path("result").path("echo").path("n").asInt()).isEqualTo(1);
  }

  @Test
  void sealsTheInputAndOpensTheSealedResult() {
    CliRunner.Run run = cli("process", "--app", "echo", "--input", "{\"secret\":7}", "--seal");

    assertThat(run.exit()).as(run.toString()).isZero();
    String id = run.json().path("workOrderId").asText();
    assertThat(ledger.recorded.get(id).sealed()).isTrue();
    assertThat(ledger.plaintexts.get(id))
        .isEqualTo("{\"secret\":7}".getBytes(StandardCharsets.UTF_8));
    assertThat(run.json().path("sealed").asBoolean()).isTrue();
    assertThat(run.json().has("sealedResult")).isFalse();
    assertThat(run.json().path("result").path("echo").path("secret").asInt()).isEqualTo(7);
    assertThat(run.err()).contains(SealOptions.SIMULATED_WARNING);
  }

  @Test
  void detectsATamperedSealedResult() {
    ledger.tamperSealedResults = true;

    CliRunner.Run run = cli("process", "--app", "echo", "--input", "{}", "--seal");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("does not open");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void resultOpensASealedResultWithTheSendersKeyOnly() throws Exception {
    String id =
        cli("process", "--app", "echo", "--input", "{\"k\":\"v\"}", "--seal")
            .json()
            .path("workOrderId")
            .asText();

    CliRunner.Run mine = cli("result", id);
    Path otherKey = home.resolve("other.key");
    UserKey.create(otherKey, random);
    CliRunner.Run theirs = cli("result", id, "--key", otherKey.toString());

    assertThat(mine.exit()).as(mine.toString()).isZero();
    assertThat(mine.json().path("result").path("echo").path("k").asText()).isEqualTo("v");
    assertThat(theirs.exit()).isZero();
    assertThat(theirs.json().has("result")).isFalse();
    assertThat(theirs.json().path("sealedResult").asText()).isNotEmpty();
    assertThat(theirs.err()).contains("sealed to another key");
  }

  @Test
  void anUnknownAppIsAFailedRequest() {
    CliRunner.Run run = cli("process", "--app", "nope", "--input", "{}");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no enclave app 'nope'").contains("echo");
    assertThat(ledger.recorded).isEmpty();
  }

  @Test
  void inputMustBeJson() {
    assertThat(cli("process", "--app", "echo", "--input", "{not json").exit()).isEqualTo(2);
    assertThat(cli("process", "--input", "{}").exit()).isEqualTo(2);
  }

  @Test
  void resultOfAnUnknownIdIsTheNodesNotFound() {
    CliRunner.Run run = cli("result", "0x1234");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error -32030 NOT_FOUND: ");
  }
}
