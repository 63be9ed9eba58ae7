package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code txnchain dex trades M}: a market's recent trades, newest first (public). */
@Command(name = "trades", description = "A market's recent trades, newest first (public).")
final class DexTradesCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  @Parameters(paramLabel = "MARKET", description = "e.g. ETH-USDC")
  String market;

  @Option(names = "--limit", paramLabel = "N", description = "how many, 1..100 (50)")
  Integer limit;

  DexTradesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode stored = DexStoreReads.trades(node.connect(), market, limit == null ? 50 : limit);
    if (stored != null) {
      output
          .output()
          .print(
              stored,
              () -> DexView.table(stored, "trades", "tradeId", "price", "quantity", "takerSide"));
      return ExitCodes.OK;
    }
    ObjectNode q = Output.MAPPER.createObjectNode().put("op", "trades").put("market", market);
    if (limit != null) {
      q.put("limit", limit);
    }
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode json = DexView.json(session.send(key.loadOrCreate(), q, false, false));
    output
        .output()
        .print(
            json, () -> DexView.table(json, "trades", "tradeId", "price", "quantity", "takerSide"));
    return ExitCodes.OK;
  }
}
