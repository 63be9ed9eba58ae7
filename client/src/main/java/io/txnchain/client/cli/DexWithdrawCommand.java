package io.txnchain.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code txnchain dex withdraw}: a withdrawal request, paid out by settlement. */
@Command(name = "withdraw", description = "Request a withdrawal of an available balance.")
final class DexWithdrawCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private NoSealOption sealing;

  @Option(names = "--token", paramLabel = "T", required = true, description = "e.g. USDC")
  private String token;

  @Option(names = "--amount", paramLabel = "A", required = true, description = "e.g. 250.5")
  private String amount;

  DexWithdrawCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return DexTransfers.send(ctx, node, output, key, sealing, "withdraw", token, amount);
  }
}
