package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.TxnChainClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain gov list}: members, the admission policy, admitted nodes and proposals. */
@Command(name = "list", description = "Show members, policy, admitted nodes and proposals.")
final class GovListCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  GovListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    TxnChainClient client = node.connect();
    JsonNode gov =
        Progress.during(
            ctx,
            "waiting for " + client.node(),
            () -> client.call("gov_list", Output.MAPPER.createObjectNode()));
    output.output().print(gov, () -> text(gov));
    return ExitCodes.OK;
  }

  static String text(JsonNode gov) {
    StringBuilder b = new StringBuilder();
    b.append("members (")
        .append(gov.path("threshold").asInt())
        .append(" of ")
        .append(gov.path("members").size())
        .append(" decide):\n");
    gov.path("members").forEach(m -> b.append("  ").append(m.asText()).append('\n'));
    JsonNode p = gov.path("policy");
    b.append("policy: simulated evidence ")
        .append(p.path("allowSimulated").asBoolean() ? "allowed" : "refused")
        .append(", auto-admit ")
        .append(p.path("autoAdmit").asBoolean() ? "on" : "off")
        .append(", measurements ")
        .append(p.path("measurements").isEmpty() ? "any" : p.path("measurements").toString())
        .append('\n');
    if (p.has("attestation")) {
      b.append("attestation policy: ").append(p.get("attestation")).append('\n');
    }
    if (gov.path("nodes").size() > 0) {
      b.append("admitted nodes:\n");
      gov.path("nodes")
          .fields()
          .forEachRemaining(
              e ->
                  b.append("  ")
                      .append(e.getValue().asText())
                      .append("  ")
                      .append(e.getKey())
                      .append('\n'));
    }
    JsonNode r = gov.path("recovery");
    if (r.isObject()) {
      b.append("recovery shares: ");
      if (r.path("issued").asBoolean()) {
        b.append("any ")
            .append(r.path("threshold").asInt())
            .append(" of ")
            .append(r.path("shares").asInt())
            .append(", issued at height ")
            .append(r.path("height").asLong());
      } else {
        b.append("none issued");
      }
      if (r.path("stale").asBoolean()) {
        b.append("; stale: ").append(r.path("reason").asText());
      }
      b.append('\n');
    }
    TextTable t = new TextTable().row("ID", "STATUS", "FOR", "AGAINST", "PROPOSER", "ACTION");
    for (JsonNode x : gov.path("proposals")) {
      long yes = 0;
      long no = 0;
      for (JsonNode ballot : x.path("ballots")) {
        if (ballot.path("approve").asBoolean()) {
          yes++;
        } else {
          no++;
        }
      }
      ObjectNode action = (ObjectNode) x.path("action").deepCopy();
      String type = action.remove("type").asText();
      t.row(
          x.path("id").asText(),
          x.path("status").asText(),
          Long.toString(yes),
          Long.toString(no),
          x.path("proposer").asText(),
          type + (action.isEmpty() ? "" : " " + action));
    }
    b.append(gov.path("proposals").isEmpty() ? "no proposals\n" : t.render());
    return b.toString();
  }
}
