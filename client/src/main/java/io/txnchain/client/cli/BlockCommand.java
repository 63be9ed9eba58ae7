package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code txnchain block HEIGHT}: one block's header, signatures and transaction ids. */
@Command(name = "block", description = "A block's header, enclave signatures and transactions.")
final class BlockCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  @Parameters(paramLabel = "HEIGHT", description = "block height (1 is the first block)")
  private long height;

  BlockCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (height < 0) {
      throw new ParameterException(spec.commandLine(), "HEIGHT must not be negative");
    }
    JsonNode block =
        Progress.during(ctx, "waiting for the node", () -> node.connect().block(height));
    output.output().print(block, () -> text(block));
    return ExitCodes.OK;
  }

  private static String text(JsonNode b) {
    TextTable t =
        new TextTable()
            .row("height", b.path("height").asLong())
            .row("hash", b.path("hash").asText())
            .row("prevHash", b.path("prevHash").asText())
            .row("txRoot", b.path("txRoot").asText())
            .row("stateRoot", b.path("stateRoot").asText())
            .row("time", Instant.ofEpochMilli(b.path("timeMillis").asLong()))
            .row("txCount", b.path("txCount").asLong());
    for (JsonNode s : b.path("signatures")) {
      t.row("signedBy", s.path("enclaveKey").asText());
    }
    for (JsonNode id : b.path("transactions")) {
      t.row("tx", id.asText());
    }
    return t.render();
  }
}
