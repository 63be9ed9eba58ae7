package io.txnchain.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code txnchain gov withdraw}: the proposer closes an open proposal. */
@Command(name = "withdraw", description = "Withdraw your own open proposal.")
final class GovWithdrawCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  @Option(names = "--proposal", paramLabel = "ID", required = true, description = "proposal id")
  private String proposal;

  GovWithdrawCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return GovSession.send(
        ctx,
        node,
        output,
        key,
        Output.MAPPER.createObjectNode().put("op", "withdraw").put("proposal", proposal));
  }
}
