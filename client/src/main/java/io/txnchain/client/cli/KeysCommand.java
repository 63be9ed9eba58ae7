package io.txnchain.client.cli;

import picocli.CommandLine.Command;

/** {@code txnchain keys}: user key management. */
@Command(
    name = "keys",
    description = "User keys (secp256k1, Ethereum addresses).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {KeysNewCommand.class, KeysShowCommand.class})
final class KeysCommand {}
