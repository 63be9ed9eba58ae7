package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code txnchain attest verify}: verifies SEV-SNP, SGX or TDX evidence (or sim evidence) offline
 * against the pinned vendor roots and a policy, printing the decoded evidence and the verdict with
 * every reason. Exit 0 accepted, 1 rejected, 2 usage error (unreadable file, unknown collateral
 * kind, invalid policy or time).
 */
@Command(
    name = "verify",
    description =
        "Verify attestation evidence offline; exit 0 accepted, 1 rejected with every reason.")
final class AttestVerifyCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private OutputOption output;

  @Option(
      names = "--evidence",
      required = true,
      paramLabel = "FILE",
      description = "an SEV-SNP report, an SGX or TDX DCAP quote, or sim evidence (raw bytes)")
  private Path evidence;

  @Option(
      names = "--collateral",
      paramLabel = "FILE",
      description =
          "repeatable: VCEK/VLEK (DER or PEM), AMD ASK/ARK chain, Intel collateral JSON"
              + " (QuoteCollateralV3 or PCS TCB Info / QE Identity), CRLs, issuer chains")
  private List<Path> collateral = new ArrayList<>();

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "attestation policy JSON (default: any measurement, no debug, accepted TCB)")
  private Path policy;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      description = "verify as of this instant (default: the current time)")
  private String now;

  AttestVerifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    byte[] evidenceBytes = read(evidence);
    Collateral.Builder all = Collateral.builder();
    List<String> kinds = new ArrayList<>();
    for (Path p : collateral) {
      try {
        CollateralFiles.CollateralFile f = CollateralFiles.read(read(p));
        all.addAll(f.collateral());
        kinds.add(p.getFileName() + ": " + f.kind());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), p + ": " + e.getMessage());
      }
    }
    AttestationPolicy chosen = AttestationPolicy.defaults();
    if (policy != null) {
      try {
        chosen = AttestationPolicy.fromJson(new String(read(policy), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), policy + ": " + e.getMessage());
      }
    }
    Instant at = instant();
    Verdict verdict = AttestationVerifier.pinned().verify(evidenceBytes, all.build(), chosen, at);
    ObjectNode json = verdict.toJson();
    json.put("now", at.toString());
    kinds.forEach(json.putArray("collateral")::add);
    Output out = output.output();
    out.print(json, () -> text(json));
    if (!verdict.accepted() && !out.json()) {
      ctx.warn("rejected: " + String.join("; ", verdict.reasons()));
    }
    return verdict.accepted() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private Instant instant() {
    if (now == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(now);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--now must be an ISO-8601 instant such as 2025-07-01T00:00:00Z");
    }
  }

  private byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + p + " (" + e + ")");
    }
  }

  private static String text(ObjectNode n) {
    StringBuilder sb = new StringBuilder();
    boolean accepted = n.path("accepted").asBoolean();
    sb.append(accepted ? "ACCEPTED" : "REJECTED")
        .append(": ")
        .append(n.path("tee").isNull() ? "unrecognised evidence" : n.path("tee").asText())
        .append(" evidence as of ")
        .append(n.path("now").asText())
        .append('\n');
    TextTable t = new TextTable();
    for (String key : List.of("measurement", "reportData", "tcbStatus", "debug", "validUntil")) {
      JsonNode v = n.path(key);
      if (!v.isMissingNode() && !v.isNull()) {
        t.row("  " + key, v.asText());
      }
    }
    if (!n.path("advisories").isEmpty()) {
      List<String> ids = new ArrayList<>();
      n.path("advisories").forEach(a -> ids.add(a.asText()));
      t.row("  advisories", String.join(", ", ids));
    }
    for (Map.Entry<String, JsonNode> e : iterable(n.path("tcb"))) {
      t.row("  tcb." + e.getKey(), e.getValue().asText());
    }
    for (Map.Entry<String, JsonNode> e : iterable(n.path("fields"))) {
      t.row("  " + e.getKey(), e.getValue().asText());
    }
    sb.append(t.render());
    if (!n.path("collateral").isEmpty()) {
      sb.append("collateral:\n");
      n.path("collateral").forEach(c -> sb.append("  ").append(c.asText()).append('\n'));
    }
    if (!accepted) {
      sb.append("reasons:\n");
      n.path("reasons").forEach(r -> sb.append("  - ").append(r.asText()).append('\n'));
    }
    return sb.toString();
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
    return n::fields;
  }
}
