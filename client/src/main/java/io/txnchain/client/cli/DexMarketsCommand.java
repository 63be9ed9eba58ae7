package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain dex markets}: markets, tokens, fees and the EIP-712 domain. */
@Command(name = "markets", description = "Markets, fees and the domain orders are signed under.")
final class DexMarketsCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  DexMarketsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode q = Output.MAPPER.createObjectNode().put("op", "markets");
    ObjectNode json = DexView.json(session.send(key.loadOrCreate(), q, false, false));
    output.output().print(json, () -> text(json));
    return ExitCodes.OK;
  }

  private static String text(JsonNode n) {
    TextTable t =
        new TextTable()
            .row("market", "tick", "lot", "min notional", "maker bps", "taker bps", "last");
    for (JsonNode m : n.path("markets")) {
      t.row(
          m.path("symbol").asText(),
          m.path("tickSize").asText(),
          m.path("lotSize").asText(),
          m.path("minNotional").asText() + " " + m.path("quote").asText(),
          m.path("fees").path("makerBps").asText(),
          m.path("fees").path("takerBps").asText(),
          m.path("lastPrice").isNull() ? "-" : m.path("lastPrice").asText());
    }
    JsonNode d = n.path("domain");
    return t.render()
        + "domain: "
        + d.path("name").asText()
        + " v"
        + d.path("version").asText()
        + ", chain id "
        + d.path("chainId").asText()
        + ", contract "
        + d.path("verifyingContract").asText()
        + (n.path("devFaucet").asBoolean() ? "\ndev faucet: open\n" : "\n");
  }
}
