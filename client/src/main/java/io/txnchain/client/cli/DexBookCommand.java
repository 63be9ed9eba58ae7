package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code txnchain dex book M}: the aggregated order book, which is public. */
@Command(
    name = "book",
    description = "A market's aggregated price levels (public), from the node's order-book store.")
final class DexBookCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  @Parameters(paramLabel = "MARKET", description = "e.g. ETH-USDC")
  String market;

  @Option(names = "--depth", paramLabel = "N", description = "levels per side, 1..1000 (20)")
  Integer depth;

  DexBookCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode stored = DexStoreReads.book(node.connect(), market, depth == null ? 20 : depth);
    if (stored != null) {
      output.output().print(stored, () -> DexView.book(stored));
      return ExitCodes.OK;
    }
    ObjectNode q = Output.MAPPER.createObjectNode().put("op", "book").put("market", market);
    if (depth != null) {
      q.put("depth", depth);
    }
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode json = DexView.json(session.send(key.loadOrCreate(), q, false, false));
    output.output().print(json, () -> DexView.book(json));
    return ExitCodes.OK;
  }
}
