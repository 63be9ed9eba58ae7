package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.UserKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code txnchain dex balances}: your balances. With a registered view key ({@code dex view-key})
 * they come from the store's latest snapshot sealed to it, once the store has caught up with the
 * ledger; otherwise, or with {@code --enclave}, from a sealed query to the enclave, which is
 * recorded on the ledger like every work order.
 */
@Command(
    name = "balances",
    description =
        "Your balances: from the store's snapshot sealed to your view key (see 'dex view-key'),"
            + " else by a sealed query to the enclave.")
final class DexBalancesCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private AllowSimulatedOption simulated;

  @Option(
      names = "--enclave",
      description = "ask the enclave (a sealed query, recorded) even if the store has a snapshot")
  private boolean enclave;

  DexBalancesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    UserKey user = key.loadOrCreate();
    var rpc = node.connect();
    ObjectNode json = enclave ? null : DexStoreReads.balances(rpc, user);
    if (json == null) {
      ObjectNode q = Output.MAPPER.createObjectNode().put("op", "balances");
      json = DexView.json(new DexSession(ctx, rpc).send(user, q, true, simulated.allowSimulated));
      json.put("source", "enclave");
    }
    ObjectNode shown = json;
    output
        .output()
        .print(
            shown,
            () ->
                DexView.table(shown, "balances", "token", "available", "locked")
                    + (shown.path("source").asText().equals("store")
                        ? "(the store's snapshot at height "
                            + shown.path("height").asLong()
                            + ", sealed to your view key)\n"
                        : ""));
    return ExitCodes.OK;
  }
}
