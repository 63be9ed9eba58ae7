package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.sdk.TxnChainClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain status}: every node of the network, read from itself, and whether they agree. */
@Command(
    name = "status",
    description =
        "Every node's role, height, state root and attestation state, and whether their state"
            + " roots agree.")
final class StatusCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  StatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    TxnChainClient client = node.connect();
    JsonNode status =
        Progress.during(
            ctx,
            "waiting for the node",
            () ->
                NetworkSurvey.survey(
                    client, client.call("network_status", Output.MAPPER.createObjectNode())));
    output.output().print(status, () -> text(status));
    return ExitCodes.OK;
  }

  private static String text(JsonNode s) {
    TextTable t =
        new TextTable()
            .row(
                "ID",
                "ROLE",
                "HEIGHT",
                "STATE ROOT",
                "TEE",
                "ATTESTATION",
                "COMPLIANCE",
                "HEALTHY",
                "UP",
                "URL");
    boolean simulated = false;
    for (JsonNode n : s.path("nodes")) {
      if (!n.path("reachable").asBoolean(true)) {
        t.row(
            n.path("id").asText("?"),
            "unreachable",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            n.path("url").asText(""));
        continue;
      }
      String attestation = n.path("attestation").asText("?");
      simulated |= attestation.equals("simulated");
      t.row(
          n.path("id").asText("?"),
          n.path("role").asText("?"),
          n.path("height").asLong(),
          abbreviated(n.path("stateRoot").asText("")),
          n.path("tee").asText("?"),
          attestation,
          n.path("compliance").asText("?"),
          n.path("healthy").asBoolean() ? "yes" : "NO",
          uptime(n.path("uptimeMillis").asLong()),
          n.path("url").asText(""));
    }
    StringBuilder sb = new StringBuilder();
    sb.append("chain ").append(s.path("chainId").asText("?")).append("\n\n").append(t.render());
    sb.append('\n').append(agreement(s.path("agreement"), s.path("nodes").size())).append('\n');
    sb.append(quotas(s.path("nodes").path(0)));
    if (simulated) {
      sb.append("note: simulated attestation means no hardware protection (development only)\n");
    }
    return sb.toString();
  }

  /** The queried node's per-app quotas and their use; empty when it reports none. */
  private static String quotas(JsonNode self) {
    JsonNode apps = self.path("apps");
    if (!apps.isObject() || apps.isEmpty()) {
      return "";
    }
    TextTable t =
        new TextTable()
            .row("APP", "IN FLIGHT", "MAX INPUT", "MAX TIME", "REFUSED", "OVER TIME", "SLOWEST");
    apps.fields()
        .forEachRemaining(
            e -> {
              JsonNode q = e.getValue();
              t.row(
                  e.getKey(),
                  q.path("inFlight").asLong() + "/" + q.path("maxConcurrent").asLong(),
                  q.path("maxInputBytes").asLong() + " B",
                  q.path("maxExecutionMillis").asLong() + " ms",
                  q.path("refused").asLong(),
                  q.path("overTime").asLong(),
                  q.path("slowestMicros").asLong() / 1000 + " ms");
            });
    return "\nquotas on " + self.path("id").asText("?") + ":\n" + t.render();
  }

  /** One line: do the reachable nodes have the same state root at the height they all have? */
  private static String agreement(JsonNode a, int total) {
    JsonNode roots = a.path("stateRoots");
    String missing =
        a.path("unreachable").isEmpty()
            ? ""
            : "; unreachable: " + String.join(", ", texts(a.path("unreachable")));
    if (roots.isEmpty()) {
      return "no node answered" + missing;
    }
    long height = a.path("height").asLong();
    if (a.path("agree").asBoolean()) {
      return "state roots agree at height "
          + height
          + " ("
          + roots.size()
          + " of "
          + total
          + " nodes)"
          + missing;
    }
    boolean unknown = false;
    for (JsonNode r : roots) {
      unknown |= r.asText().equals(NetworkSurvey.UNKNOWN);
    }
    // A node that did not give its root is not evidence of divergence; say which it is.
    StringBuilder sb =
        new StringBuilder(
            (unknown ? "could not compare every state root" : "STATE ROOTS DIFFER")
                + " at height "
                + height
                + ":");
    roots
        .fields()
        .forEachRemaining(
            e ->
                sb.append(' ')
                    .append(e.getKey())
                    .append('=')
                    .append(abbreviated(e.getValue().asText())));
    return sb + missing;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** The first 12 hex digits, enough to tell roots apart by eye. */
  private static String abbreviated(String hex) {
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  private static String uptime(long millis) {
    Duration d = Duration.ofMillis(millis);
    if (d.toHours() > 0) {
      return d.toHours() + "h" + d.toMinutesPart() + "m";
    }
    return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
  }
}
