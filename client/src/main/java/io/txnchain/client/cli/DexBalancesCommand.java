package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain dex balances}: your balances; always sealed, since the answer is private. */
@Command(name = "balances", description = "Your balances (sealed request and answer).")
final class DexBalancesCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private AllowSimulatedOption simulated;

  DexBalancesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode q = Output.MAPPER.createObjectNode().put("op", "balances");
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode json =
        DexView.json(session.send(key.loadOrCreate(), q, true, simulated.allowSimulated));
    output
        .output()
        .print(json, () -> DexView.table(json, "balances", "token", "available", "locked"));
    return ExitCodes.OK;
  }
}
