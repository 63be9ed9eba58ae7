package io.txnchain.client.cli;

import picocli.CommandLine.Option;

/** {@code --json}; JSON is also the default when stdout is not a terminal. */
final class OutputOption {
  private final CliContext ctx;

  @Option(names = "--json", description = "print JSON (the default when stdout is not a terminal)")
  private boolean json;

  OutputOption(CliContext ctx) {
    this.ctx = ctx;
  }

  Output output() {
    return new Output(OutputMode.select(json, ctx.stdoutTerminal()), ctx.out());
  }
}
