package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code txnchain dex cancel}: by order id, by client order id, or all (in one market). */
@Command(name = "cancel", description = "Cancel your resting orders.")
final class DexCancelCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private NoSealOption sealing;

  @ArgGroup(multiplicity = "1")
  Which which;

  @Option(names = "--market", paramLabel = "M", description = "with --all: only this market")
  String market;

  /** Exactly one way to name the orders. */
  static final class Which {
    @Option(names = "--id", paramLabel = "ID", required = true, description = "order id")
    Long id;

    @Option(names = "--client-id", paramLabel = "X", required = true, description = "your id")
    String clientId;

    @Option(names = "--all", required = true, description = "all your resting orders")
    boolean all;
  }

  DexCancelCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The app request these options name. */
  ObjectNode request() {
    ObjectNode r = Output.MAPPER.createObjectNode();
    if (market != null && !which.all) {
      throw new ParameterException(spec.commandLine(), "--market goes with --all");
    }
    if (which.all) {
      r.put("op", "cancelAll");
      if (market != null) {
        r.put("market", market);
      }
    } else if (which.id != null) {
      if (which.id <= 0) {
        throw new ParameterException(spec.commandLine(), "--id must be positive");
      }
      r.put("op", "cancel").put("id", which.id);
    } else {
      r.put("op", "cancel").put("clientId", which.clientId);
    }
    return r;
  }

  @Override
  public Integer call() {
    ObjectNode request = request();
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode json =
        DexView.json(
            session.send(key.loadOrCreate(), request, sealing.seal(), sealing.allowSimulated));
    output
        .output()
        .print(
            json,
            () ->
                json.path("cancelled").isEmpty()
                    ? "nothing to cancel\n"
                    : DexView.table(json, "cancelled", "orderId", "market", "remaining"));
    return ExitCodes.OK;
  }
}
