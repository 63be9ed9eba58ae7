package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.client.sdk.UserKey;
import io.txnchain.client.testing.FakeLedger;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitCommandTest {
  private final SecureRandom random = new SecureRandom();
  @TempDir Path home;
  private FakeLedger ledger;
  private Path keyFile;
  private UserKey key;

  @BeforeEach
  void start() throws Exception {
    ledger = new FakeLedger(random);
    keyFile = home.resolve("user.key");
    key = UserKey.create(keyFile, random);
  }

  @AfterEach
  void stop() {
    ledger.close();
  }

  private CliRunner.Run submit(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "submit";
    all[1] = "--node";
    all[2] = ledger.url();
    System.arraycopy(args, 0, all, 3, args.length);
    return new CliRunner(home).run(all);
  }

  @Test
  void recordsASignedPlaintextTransactionAndPrintsItsIdAndHeight() {
    CliRunner.Run run = submit("--text", "hello ledger", "--key", keyFile.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    String txId = run.json().path("txId").asText();
    Transaction tx = ledger.recorded.get(txId);
    assertThat(tx).isNotNull();
    assertThat(tx.sealed()).isFalse();
    assertThat(new String(tx.payload(), StandardCharsets.UTF_8)).isEqualTo("hello ledger");
    assertThat(tx.senderAddress()).isEqualTo(key.address());
    assertThat(run.json().path("height").asLong()).isEqualTo(1);
    assertThat(run.err()).doesNotContain("warning");
  }

  @Test
  void readsThePayloadFromAFile() throws Exception {
    Path file = home.resolve("payload.bin");
    Files.write(file, new byte[] {0, 1, 2, (byte) 0xff});

    CliRunner.Run run = submit("--file", file.toString(), "--key", keyFile.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(ledger.recorded.get(run.json().path("txId").asText()).payload())
        .containsExactly(0, 1, 2, 0xff);
  }

  @Test
  void sealsThePayloadToTheAttestedEnclaveAndWarnsWhenItIsSimulated() {
    CliRunner.Run run = submit("--text", "private", "--seal", "--key", keyFile.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    String txId = run.json().path("txId").asText();
    assertThat(ledger.recorded.get(txId).sealed()).isTrue();
    assertThat(ledger.recorded.get(txId).payload())
        .isNotEqualTo("private".getBytes(StandardCharsets.UTF_8));
    assertThat(ledger.plaintexts.get(txId)).isEqualTo("private".getBytes(StandardCharsets.UTF_8));
    assertThat(run.err()).contains(SealOptions.SIMULATED_WARNING);
  }

  @Test
  void refusesToSealToANodeThatClaimsHardwareButShowsSimulatedEvidence() {
    ledger.declareSimulated = false;

    CliRunner.Run run = submit("--text", "private", "--seal", "--key", keyFile.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("SIMULATED").doesNotContain("\tat ");
    assertThat(ledger.recorded).isEmpty();
  }

  @Test
  void allowSimulatedOverridesTheNodesClaim() {
    ledger.declareSimulated = false;

    CliRunner.Run run =
        submit("--text", "private", "--seal", "--allow-simulated", "--key", keyFile.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).contains(SealOptions.SIMULATED_WARNING);
  }

  @Test
  void createsTheDefaultKeyOnFirstUseAndReusesIt() {
    CliRunner.Run first = submit("--text", "a");
    CliRunner.Run second = submit("--text", "b");

    Path defaultKey = home.resolve(".txnchain/default.key");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.err()).contains("created a new user key").contains(defaultKey.toString());
    assertThat(second.err()).doesNotContain("created");
    UserKey created = UserKey.load(defaultKey);
    assertThat(ledger.recorded.values())
        .hasSize(2)
        .allMatch(tx -> tx.senderAddress().equals(created.address()));
  }

  @Test
  void takesTheKeyFromTheEnvironment() {
    CliRunner.Run run =
        new CliRunner(home)
            .env("TXNCHAIN_KEY", keyFile.toString())
            .env("TXNCHAIN_NODE", ledger.url())
            .run("submit", "--text", "x");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(ledger.recorded.values())
        .singleElement()
        .satisfies(tx -> assertThat(tx.senderAddress()).isEqualTo(key.address()));
    assertThat(Files.exists(home.resolve(".txnchain/default.key"))).isFalse();
  }

  @Test
  void aReusedClientIdIsRejectedWithTheNodesError() {
    submit("--text", "a", "--client-id", "order-1", "--key", keyFile.toString());

    CliRunner.Run again =
        submit("--text", "b", "--client-id", "order-1", "--key", keyFile.toString());

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).startsWith("error -32013 DUPLICATE_TRANSACTION: ");
    assertThat(again.out()).isEmpty();
  }

  @Test
  void payloadOptionsAreExclusiveAndRequired() {
    assertThat(submit("--text", "a", "--file", "f").exit()).isEqualTo(2);
    assertThat(submit().exit()).isEqualTo(2);
    assertThat(submit("--text", "a", "--client-id", "x".repeat(65)).exit()).isEqualTo(2);
    assertThat(ledger.recorded).isEmpty();
  }

  @Test
  void aMissingKeyFileIsReportedWithoutAStackTrace() {
    CliRunner.Run run = submit("--text", "a", "--key", home.resolve("nope.key").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("nope.key").doesNotContain("\tat ");
  }
}
