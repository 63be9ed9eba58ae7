package io.txnchain.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code txnchain gov vote}: a member's ballot on an open proposal. */
@Command(name = "vote", description = "Vote on an open proposal (one ballot per member).")
final class GovVoteCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  @Option(names = "--proposal", paramLabel = "ID", required = true, description = "proposal id")
  private String proposal;

  @ArgGroup(multiplicity = "1")
  private Choice choice;

  static final class Choice {
    @Option(names = "--approve", required = true, description = "vote for")
    boolean approve;

    @Option(names = "--reject", required = true, description = "vote against")
    boolean reject;
  }

  GovVoteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return GovSession.send(
        ctx,
        node,
        output,
        key,
        Output.MAPPER
            .createObjectNode()
            .put("op", "vote")
            .put("proposal", proposal)
            .put("approve", choice.approve));
  }
}
