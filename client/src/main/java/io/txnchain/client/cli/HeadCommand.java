package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain head}: the newest block of the node's chain. */
@Command(name = "head", description = "The newest block: chain id, height, hash, state root.")
final class HeadCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  HeadCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode head =
        Progress.during(
            ctx,
            "waiting for the node",
            () -> node.connect().call("chain_head", Output.MAPPER.createObjectNode()));
    output
        .output()
        .print(
            head,
            () ->
                new TextTable()
                    .row("chainId", head.path("chainId").asText())
                    .row("height", head.path("height").asLong())
                    .row("hash", head.path("hash").asText())
                    .row("stateRoot", head.path("stateRoot").asText())
                    .row("time", Instant.ofEpochMilli(head.path("timeMillis").asLong()))
                    .render());
    return ExitCodes.OK;
  }
}
