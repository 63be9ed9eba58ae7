package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code txnchain receipt ID}: the receipt exactly as the node returns it, always as JSON, so that
 * {@code txnchain receipt ID > r.json && txnchain verify r.json} works.
 */
@Command(
    name = "receipt",
    description = "The receipt (JSON) of a transaction, work order or trade; check it with verify.")
final class ReceiptCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;

  @Parameters(paramLabel = "ID", description = "transaction or work-order id (0x...)")
  private String id;

  ReceiptCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode receipt =
        Progress.during(ctx, "waiting for the node", () -> node.connect().receiptJson(id));
    ctx.out().println(Output.pretty(receipt));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
