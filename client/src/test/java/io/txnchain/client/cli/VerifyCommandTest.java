package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.testing.TestEnclave;
import io.txnchain.client.testing.TestReceipts;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.tee.collateral.CollateralFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  private final SecureRandom random = new SecureRandom();
  private final TestEnclave enclave = new TestEnclave(random);
  private final ObjectNode receipt = TestReceipts.valid(enclave, random);
  @TempDir Path dir;

  private Path write(ObjectNode json) throws Exception {
    Path file = Files.createTempFile(dir, "receipt", ".json");
    Files.writeString(file, json.toPrettyString());
    return file;
  }

  private CliRunner.Run verify(ObjectNode json, String... extra) throws Exception {
    String[] args = new String[extra.length + 2];
    args[0] = "verify";
    args[1] = write(json).toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    return new CliRunner(dir).run(args);
  }

  private ObjectNode tampered(Consumer<ObjectNode> edit) {
    ObjectNode copy = receipt.deepCopy();
    edit.accept(copy);
    return copy;
  }

  @Test
  void acceptsAValidSimulatedReceiptWhenAllowedAndSaysItIsSimulated() throws Exception {
    CliRunner.Run run = verify(receipt, "--allow-simulated");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.json().path("valid").asBoolean()).isTrue();
    assertThat(run.json().path("simulated").asBoolean()).isTrue();
    assertThat(run.json().path("height").asLong()).isEqualTo(7);
    assertThat(run.json().path("signers").get(0).path("enclaveKey").asText())
        .isEqualTo(HexFormat.of().formatHex(enclave.identity.publicKey()));
  }

  @Test
  void printsValidAndSimulatedOnATerminal() throws Exception {
    CliRunner.Run run =
        new CliRunner(dir)
            .terminal(true)
            .run("verify", write(receipt).toString(), "--allow-simulated");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("valid").contains("height 7").contains("SIMULATED");
  }

  @Test
  void rejectsASimulatedReceiptWithoutAllowSimulated() throws Exception {
    CliRunner.Run run = verify(receipt);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("SIMULATED");
    assertThat(run.json().path("valid").asBoolean()).isFalse();
    assertThat(run.json().path("reason").asText()).contains("SIMULATED");
  }

  @Test
  void pinsTheMeasurement() throws Exception {
    String right = HexFormat.of().formatHex(enclave.measurement);

    assertThat(verify(receipt, "--allow-simulated", "--measurement", right).exit()).isZero();
    CliRunner.Run wrong = verify(receipt, "--allow-simulated", "--measurement", "ab".repeat(32));
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("not in the allowed list");
  }

  @Test
  void rejectsAnAlteredEntry() throws Exception {
    assertInvalid(
        tampered(r -> r.put("entry", TestReceipts.flipHex(r.get("entry").asText(), 200))));
  }

  @Test
  void rejectsAnAlteredEntryWhoseViewWasAlteredToMatch() throws Exception {
    // Without the view, only the proof can catch the altered entry.
    assertInvalid(
        tampered(
            r -> {
              r.remove("decoded");
              r.put("entry", TestReceipts.flipHex(r.get("entry").asText(), 200));
            }),
        "inclusion proof");
  }

  @Test
  void rejectsAnAlteredHeader() throws Exception {
    assertInvalid(
        tampered(
            r -> {
              ObjectNode h = (ObjectNode) r.get("header");
              h.put("stateRoot", TestReceipts.flipHex(h.get("stateRoot").asText(), 5));
            }),
        "does not verify");
    assertInvalid(
        tampered(r -> ((ObjectNode) r.get("header")).put("height", 8)), "does not verify");
  }

  @Test
  void rejectsAnAlteredProof() throws Exception {
    assertInvalid(
        tampered(
            r -> {
              ObjectNode p = (ObjectNode) r.get("proof");
              String first = p.get("path").get(0).asText();
              p.putArray("path").add(TestReceipts.flipHex(first, 0));
            }),
        "inclusion proof");
    assertInvalid(tampered(r -> ((ObjectNode) r.get("proof")).put("leafIndex", 1)));
  }

  @Test
  void rejectsAlteredEvidence() throws Exception {
    assertInvalid(
        tampered(
            r -> {
              ObjectNode e = (ObjectNode) r.get("evidence").get(0);
              e.put("data", TestReceipts.flipHex(e.get("data").asText(), 100));
            }),
        "evidence");
    assertInvalid(
        tampered(
            r -> {
              ObjectNode e = (ObjectNode) r.get("evidence").get(0);
              e.put("nonce", TestReceipts.flipHex(e.get("nonce").asText(), 0));
            }),
        "report data");
  }

  @Test
  void rejectsAnAlteredDecodedView() throws Exception {
    assertInvalid(
        tampered(r -> ((ObjectNode) r.get("decoded")).put("clientId", "c-9")), "decoded view");
  }

  @Test
  void rejectsAnAlteredSignature() throws Exception {
    assertInvalid(
        tampered(
            r -> {
              ObjectNode s = (ObjectNode) r.get("signatures").get(0);
              s.put("signature", TestReceipts.flipHex(s.get("signature").asText(), 10));
            }),
        "does not verify");
  }

  @Test
  void rejectsSomethingThatIsNotAReceipt() throws Exception {
    Path file = dir.resolve("junk.json");
    Files.writeString(file, "not json");

    CliRunner.Run run = new CliRunner(dir).run("verify", file.toString(), "--allow-simulated");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("not well-formed JSON");
  }

  @Test
  void readsStdin() {
    CliRunner.Run run =
        new CliRunner(dir).stdin(receipt.toString()).run("verify", "-", "--allow-simulated");

    assertThat(run.exit()).as(run.toString()).isZero();
  }

  @Test
  void aMissingFileOrBadMeasurementIsAUsageError() {
    assertThat(new CliRunner(dir).run("verify", dir.resolve("absent.json").toString()).exit())
        .isEqualTo(2);
    assertThat(new CliRunner(dir).run("verify", "-", "--measurement", "xyz").exit()).isEqualTo(2);
  }

  @Test
  void requiresTheMinimumNumberOfSignatures() throws Exception {
    assertThat(verify(receipt, "--allow-simulated", "--min-signatures", "1").exit()).isZero();
    CliRunner.Run two = verify(receipt, "--allow-simulated", "--min-signatures", "2");
    assertThat(two.exit()).as(two.toString()).isEqualTo(1);
    assertThat(two.json().path("reason").asText())
        .isEqualTo(
            "header is signed by 1 distinct enclave(s) with verified evidence; at least 2 are"
                + " required");
    assertThat(verify(receipt, "--allow-simulated", "--min-signatures", "0").exit()).isEqualTo(2);
  }

  private void assertInvalid(ObjectNode json, String... reasonParts) throws Exception {
    CliRunner.Run run = verify(json, "--allow-simulated");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.json().path("valid").asBoolean()).isFalse();
    assertThat(run.err()).startsWith("invalid receipt: ");
    for (String part : reasonParts) {
      assertThat(run.json().path("reason").asText()).contains(part);
    }
  }

  private static byte[] resource(String name) throws Exception {
    try (var in = VerifyCommandTest.class.getResourceAsStream("/attestation/" + name)) {
      return in.readAllBytes();
    }
  }

  /**
   * The signer's evidence replaced by the genuine SGX quote with its collateral, attested inside
   * the collateral's window. The quote binds another key, so the binding is the one check that must
   * fail: every one before it ran on the carried collateral.
   */
  @Test
  void checksHardwareEvidenceWithTheCollateralTheReceiptCarries() throws Exception {
    List<byte[]> items =
        CollateralBundle.encode(
            CollateralFiles.read(resource("dcap-qvl/sgx_quote_collateral.json")).collateral());
    byte[] quote = resource("dcap-qvl/sgx_quote");
    ObjectNode hardware =
        tampered(
            r -> {
              ObjectNode e = (ObjectNode) r.withArray("evidence").get(0);
              e.put("format", "sgx-dcap");
              e.put("data", HexFormat.of().formatHex(quote));
              e.put("attestedAt", Instant.parse("2025-07-01T00:00:00Z").toEpochMilli());
              ArrayNode c = e.putArray("collateral");
              items.forEach(item -> c.add(HexFormat.of().formatHex(item)));
            });

    CliRunner.Run run = verify(hardware);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().path("reason").asText()).contains("report data does not bind");

    // A policy the quote's TCB status (ConfigurationAndSWHardeningNeeded) does not meet.
    Path upToDate = dir.resolve("up-to-date.json");
    Files.writeString(upToDate, "{\"acceptedTcbStatuses\": [\"UpToDate\"]}");
    CliRunner.Run strict = verify(hardware, "--policy", upToDate.toString());
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.json().path("reason").asText())
        .contains("ConfigurationAndSWHardeningNeeded")
        .doesNotContain("report data");

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"acceptedTcbStatuses\": 7");
    assertThat(verify(hardware, "--policy", broken.toString()).exit()).isEqualTo(2);
  }
}
