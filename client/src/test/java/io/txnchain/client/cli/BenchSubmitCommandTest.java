package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.testing.FakeLedger;
import io.txnchain.wire.tx.Transaction;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSubmitCommandTest {
  @TempDir Path home;
  private FakeLedger ledger;

  @BeforeEach
  void start() throws Exception {
    ledger = new FakeLedger(new SecureRandom());
  }

  @AfterEach
  void stop() {
    ledger.close();
  }

  private CliRunner.Run bench(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "bench";
    all[1] = "submit";
    all[2] = "--node";
    all[3] = ledger.url();
    System.arraycopy(args, 0, all, 4, args.length);
    return new CliRunner(home).run(all);
  }

  @Test
  void sendsEveryTransactionInBatchesAndReportsThroughputAndLatency() {
    CliRunner.Run run =
        bench(
            "--count",
            "45",
            "--batch",
            "10",
            "--concurrency",
            "3",
            "--keys",
            "2",
            "--payload-bytes",
            "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode r = run.json();
    assertThat(r.path("accepted").asLong()).isEqualTo(45);
    assertThat(r.path("errors").asLong()).isZero();
    assertThat(r.path("txPerSecond").asDouble()).isPositive();
    assertThat(r.path("signing").path("txPerSecond").asDouble()).isPositive();
    JsonNode latency = r.path("latencyMillis");
    assertThat(latency.path("p50").asDouble()).isPositive();
    assertThat(latency.path("p50").asDouble())
        .isLessThanOrEqualTo(latency.path("p90").asDouble())
        .isLessThanOrEqualTo(latency.path("p99").asDouble())
        .isLessThanOrEqualTo(latency.path("max").asDouble());
    assertThat(ledger.recorded).hasSize(45);
    assertThat(ledger.recorded.values().stream().map(Transaction::senderAddress).distinct())
        .hasSize(2);
    assertThat(ledger.recorded.values()).allMatch(tx -> tx.payload().length == 50);
    assertThat(ledger.recorded.values())
        .allMatch(tx -> tx.clientId().startsWith(r.path("runPrefix").asText() + "-"));
    assertThat(ledger.node.calls("txn_submit")).hasSize(45);
  }

  @Test
  void twoRunsNeverCollide() {
    assertThat(bench("--count", "20", "--keys", "1").exit()).isZero();
    assertThat(bench("--count", "20", "--keys", "1").exit()).isZero();

    assertThat(ledger.recorded).hasSize(40);
  }

  @Test
  void countsRefusalsByCodeAndExitsOne() {
    ledger.overloaded = tx -> tx.clientId().endsWith("0");

    CliRunner.Run run = bench("--count", "30", "--batch", "7");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().path("accepted").asLong()).isEqualTo(27);
    assertThat(run.json().path("errors").asLong()).isEqualTo(3);
    assertThat(run.json().path("errorsByCode").path("-32003 OVERLOADED").asLong()).isEqualTo(3);
  }

  @Test
  void sealsEveryPayloadToTheEnclave() {
    CliRunner.Run run = bench("--count", "12", "--batch", "5", "--seal", "--payload-bytes", "20");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).contains(SealOptions.SIMULATED_WARNING);
    assertThat(ledger.recorded.values()).hasSize(12).allMatch(Transaction::sealed);
    assertThat(ledger.plaintexts.values().stream().map(b -> b.length).collect(Collectors.toSet()))
        .containsExactly(20);
  }

  @Test
  void printsATableOnATerminal() {
    CliRunner.Run run =
        new CliRunner(home)
            .terminal(true)
            .run("bench", "submit", "--node", ledger.url(), "--count", "10");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("throughput").contains("tx/s").contains("p99");
  }

  @Test
  void refusesNonsenseSizes() {
    assertThat(bench("--count", "0").exit()).isEqualTo(2);
    assertThat(bench("--batch", "0").exit()).isEqualTo(2);
    assertThat(bench("--concurrency", "-1").exit()).isEqualTo(2);
    assertThat(ledger.recorded).isEmpty();
  }
}
