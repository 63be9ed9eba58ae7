package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code txnchain dex orders}: your open orders; always sealed, since the answer is private. */
@Command(name = "orders", description = "Your open orders (sealed request and answer).")
final class DexOrdersCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private AllowSimulatedOption simulated;

  @Option(names = "--market", paramLabel = "M", description = "only this market")
  String market;

  DexOrdersCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode q = Output.MAPPER.createObjectNode().put("op", "orders");
    if (market != null) {
      q.put("market", market);
    }
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode json =
        DexView.json(session.send(key.loadOrCreate(), q, true, simulated.allowSimulated));
    output
        .output()
        .print(
            json,
            () ->
                DexView.table(
                    json,
                    "orders",
                    "orderId",
                    "market",
                    "side",
                    "price",
                    "remaining",
                    "clientOrderId"));
    return ExitCodes.OK;
  }
}
