package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code txnchain tx ID}: the readable view of a recorded transaction. */
@Command(name = "tx", description = "A recorded transaction or work order, decoded.")
final class TxCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  @Parameters(paramLabel = "ID", description = "transaction or work-order id (0x...)")
  private String id;

  TxCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode tx =
        Progress.during(ctx, "waiting for the node", () -> node.connect().transaction(id));
    output.output().print(tx, () -> fields(tx));
    return ExitCodes.OK;
  }

  /** Every top-level field, nested values as compact JSON. */
  static String fields(JsonNode n) {
    TextTable t = new TextTable();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      t.row(e.getKey(), Output.compact(e.getValue()));
    }
    return t.render();
  }
}
