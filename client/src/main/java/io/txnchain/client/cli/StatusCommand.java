package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain status}: the network's nodes, roles, heights and attestation state. */
@Command(name = "status", description = "Nodes, roles, heights and attestation state.")
final class StatusCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  StatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode status =
        Progress.during(
            ctx,
            "waiting for the node",
            () -> node.connect().call("network_status", Output.MAPPER.createObjectNode()));
    output.output().print(status, () -> text(status));
    return ExitCodes.OK;
  }

  private static String text(JsonNode s) {
    TextTable t =
        new TextTable().row("ID", "ROLE", "HEIGHT", "TEE", "ATTESTATION", "HEALTHY", "UP", "URL");
    boolean simulated = false;
    for (JsonNode n : s.path("nodes")) {
      String attestation = n.path("attestation").asText("?");
      simulated |= attestation.equals("simulated");
      t.row(
          n.path("id").asText("?"),
          n.path("role").asText("?"),
          n.path("height").asLong(),
          n.path("tee").asText("?"),
          attestation,
          n.path("healthy").asBoolean() ? "yes" : "NO",
          uptime(n.path("uptimeMillis").asLong()),
          n.path("url").asText(""));
    }
    StringBuilder sb = new StringBuilder();
    sb.append("chain ").append(s.path("chainId").asText("?")).append("\n\n").append(t.render());
    if (simulated) {
      sb.append("\nnote: simulated attestation means no hardware protection (development only)\n");
    }
    return sb.toString();
  }

  private static String uptime(long millis) {
    Duration d = Duration.ofMillis(millis);
    if (d.toHours() > 0) {
      return d.toHours() + "h" + d.toMinutesPart() + "m";
    }
    return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
  }
}
