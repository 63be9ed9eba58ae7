package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.MarketData;
import io.txnchain.client.sdk.TradingClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain store status}: which store the node uses and how far it is. */
@Command(name = "status", description = "The store's kind, height and the ledger's height.")
final class StoreStatusCommand implements Callable<Integer> {
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  StoreStatusCommand(CliContext ctx) {}

  @Override
  public Integer call() {
    MarketData.StoreStatus s = TradingClient.connect(node.uri()).storeStatus();
    ObjectNode json = StoreRebuildCommand.json(s);
    output
        .output()
        .print(
            json,
            () ->
                s.kind()
                    + " store at height "
                    + s.appliedHeight()
                    + " of "
                    + s.ledgerHeight()
                    + (s.rebuilding() ? " (rebuilding)" : "")
                    + (s.failure() == null ? "" : "\nprojection error: " + s.failure()));
    return ExitCodes.OK;
  }
}
