package io.txnchain.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code txnchain dex deposit}: the development faucet. */
@Command(
    name = "deposit",
    description = "Credit tokens from the development faucet (development networks only).")
final class DexDepositCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private NoSealOption sealing;

  @Option(names = "--token", paramLabel = "T", required = true, description = "e.g. USDC")
  private String token;

  @Option(names = "--amount", paramLabel = "A", required = true, description = "e.g. 10000")
  private String amount;

  DexDepositCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return DexTransfers.send(ctx, node, output, key, sealing, "deposit", token, amount);
  }
}
