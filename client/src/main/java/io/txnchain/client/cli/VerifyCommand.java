package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.wire.receipt.ReceiptVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code txnchain verify FILE}: checks a receipt offline, trusting nothing but its contents, the
 * built-in evidence roots and the policy given here. Exit 0 valid, 1 invalid with the reason.
 */
@Command(
    name = "verify",
    description = "Check a receipt offline; exit 0 valid, 1 invalid with the reason.")
final class VerifyCommand implements Callable<Integer> {
  private static final Pattern MEASUREMENT = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private OutputOption output;

  @Parameters(paramLabel = "FILE", description = "receipt JSON file, or - for stdin")
  private String file;

  @Option(
      names = "--allow-simulated",
      description = "accept enclaves with simulated evidence (development networks only)")
  private boolean allowSimulated;

  @Option(
      names = "--measurement",
      paramLabel = "HEX",
      description = "accept only enclaves with this measurement (repeatable)")
  private List<String> measurements = new ArrayList<>();

  @Option(
      names = "--min-signatures",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "require at least N distinct enclaves whose header signature and evidence verify"
              + " (default ${DEFAULT-VALUE})")
  private int minSignatures;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "attestation policy JSON for hardware evidence, as in attest verify (default: any"
              + " measurement, no debug, accepted TCB statuses)")
  private Path policyFile;

  VerifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    EvidencePolicy policy = new EvidencePolicy(allowSimulated, allowedMeasurements());
    if (minSignatures < 1) {
      throw new ParameterException(
          spec.commandLine(), "--min-signatures must be at least 1, got " + minSignatures);
    }
    String json = read();
    // Hardware evidence is checked with the collateral its entry carries, at the time the entry
    // says it was attested; nothing is fetched.
    ReceiptVerifier.Result result =
        new ReceiptVerifier(EvidenceVerifiers.builtIn(), policy, minSignatures)
            .withHardware(AttestationVerifier.pinned(), hardwarePolicy())
            .verify(json, Instant.now());
    Output out = output.output();
    if (!result.valid()) {
      ObjectNode n = Output.MAPPER.createObjectNode();
      n.put("valid", false);
      n.put("reason", result.reason());
      if (out.json()) {
        out.print(n, () -> "");
      }
      ctx.warn("invalid receipt: " + result.reason());
      return ExitCodes.FAILED;
    }
    ObjectNode n = validJson(json, result);
    out.print(n, () -> validText(n));
    return ExitCodes.OK;
  }

  private AttestationPolicy hardwarePolicy() {
    if (policyFile == null) {
      return AttestationPolicy.defaults();
    }
    try {
      return AttestationPolicy.fromJson(Files.readString(policyFile, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), policyFile + ": " + e.getMessage());
    }
  }

  private Set<String> allowedMeasurements() {
    Set<String> out = new TreeSet<>();
    for (String m : measurements) {
      if (!MEASUREMENT.matcher(m).matches()) {
        throw new ParameterException(
            spec.commandLine(), "--measurement must be 64 hex digits, got '" + m + "'");
      }
      out.add((m.startsWith("0x") ? m.substring(2) : m).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private String read() {
    try {
      byte[] bytes = file.equals("-") ? ctx.inputBytes() : Files.readAllBytes(Path.of(file));
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + file + " (" + e + ")");
    }
  }

  /** The verified facts; the signer keys come from the receipt, in the verifier's order. */
  private static ObjectNode validJson(String json, ReceiptVerifier.Result result) {
    JsonNode receipt;
    try {
      receipt = Output.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a receipt that verified is JSON", e);
    }
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("valid", true);
    n.put("id", receipt.path("id").asText());
    n.put("height", result.height());
    boolean simulated = result.signers().stream().anyMatch(EvidenceClaims::simulated);
    n.put("simulated", simulated);
    ArrayNode signers = n.putArray("signers");
    JsonNode signatures = receipt.path("signatures");
    for (int i = 0; i < result.signers().size(); i++) {
      EvidenceClaims c = result.signers().get(i);
      ObjectNode s = signers.addObject();
      s.put("enclaveKey", signatures.path(i).path("enclaveKey").asText());
      s.put("format", c.format());
      s.put("simulated", c.simulated());
      s.put("measurement", HexFormat.of().formatHex(c.measurement()));
      s.put("tcb", c.tcb());
    }
    return n;
  }

  private static String validText(ObjectNode n) {
    StringBuilder sb = new StringBuilder();
    sb.append("valid: receipt ")
        .append(n.path("id").asText())
        .append(" at height ")
        .append(n.path("height").asLong())
        .append(", signed by ")
        .append(n.path("signers").size())
        .append(" enclave(s)\n");
    TextTable t = new TextTable();
    for (JsonNode s : n.path("signers")) {
      t.row(
          "  " + s.path("enclaveKey").asText(),
          s.path("simulated").asBoolean() ? "SIMULATED" : s.path("format").asText(),
          "measurement " + s.path("measurement").asText());
    }
    sb.append(t.render());
    if (n.path("simulated").asBoolean()) {
      sb.append(
          "warning: the evidence is SIMULATED: no hardware protects these enclaves"
              + " (accepted because of --allow-simulated)\n");
    }
    return sb.toString();
  }
}
