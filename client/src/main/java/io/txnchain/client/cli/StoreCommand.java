package io.txnchain.client.cli;

import picocli.CommandLine.Command;

/** {@code txnchain store}: the node's order-book store (docs/store.md). */
@Command(
    name = "store",
    description = "The node's order-book store, a projection of the ledger's DEX events.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {StoreStatusCommand.class, StoreRebuildCommand.class})
final class StoreCommand {}
