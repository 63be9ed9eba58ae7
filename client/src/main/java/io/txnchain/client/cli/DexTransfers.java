package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What {@code dex deposit} and {@code dex withdraw} share: the amount goes as typed. */
final class DexTransfers {
  private DexTransfers() {}

  static int send(
      CliContext ctx,
      NodeOption node,
      OutputOption output,
      KeyOption key,
      NoSealOption sealing,
      String op,
      String token,
      String amount) {
    ObjectNode request =
        Output.MAPPER.createObjectNode().put("op", op).put("token", token).put("amount", amount);
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode json =
        DexView.json(
            session.send(key.loadOrCreate(), request, sealing.seal(), sealing.allowSimulated));
    output.output().print(json, () -> DexView.fields(json));
    return ExitCodes.OK;
  }
}
