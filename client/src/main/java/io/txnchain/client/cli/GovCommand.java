package io.txnchain.client.cli;

import picocli.CommandLine.Command;

/** {@code txnchain gov}: the network's governance, decided by a majority of its members. */
@Command(
    name = "gov",
    description = "Governance: members propose changes and vote; a majority decides.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      GovListCommand.class,
      GovProposeCommand.class,
      GovVoteCommand.class,
      GovWithdrawCommand.class,
      GovRecoveryKeyCommand.class,
      GovIssueSharesCommand.class
    })
final class GovCommand {}
