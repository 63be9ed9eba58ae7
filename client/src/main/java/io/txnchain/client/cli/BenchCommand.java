package io.txnchain.client.cli;

import picocli.CommandLine.Command;

/** {@code txnchain bench}: load generators (BENCHMARKS.md). */
@Command(
    name = "bench",
    description = "Load generators for BENCHMARKS.md.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {BenchSubmitCommand.class, BenchDexCommand.class})
final class BenchCommand {}
