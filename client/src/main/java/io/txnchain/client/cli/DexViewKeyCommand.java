package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.UserKey;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code txnchain dex view-key}: registers the key's view key, so that the DEX seals the account's
 * balances to it and {@code dex balances} reads them from the store without a ledger transaction.
 */
@Command(
    name = "view-key",
    description =
        "Register your view key: the enclave then seals your balances to it after each change,"
            + " and 'dex balances' reads them from the node's store.")
final class DexViewKeyCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private AllowSimulatedOption simulated;

  DexViewKeyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    UserKey user = key.loadOrCreate();
    ObjectNode request =
        Output.MAPPER
            .createObjectNode()
            .put("op", "setViewKey")
            .put("key", HexFormat.of().formatHex(user.viewKey().publicKey()));
    DexSession session = new DexSession(ctx, node.connect());
    ObjectNode json = DexView.json(session.send(user, request, true, simulated.allowSimulated));
    output.output().print(json, () -> DexView.fields(json));
    return ExitCodes.OK;
  }
}
