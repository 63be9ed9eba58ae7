package io.txnchain.client.cli;

import io.txnchain.client.sdk.NodeUnreachableException;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.TxnChainException;
import io.txnchain.client.sdk.UnexpectedResponseException;
import picocli.CommandLine;

/**
 * Turns what a command throws into a message on stderr and an exit code. Expected failures print
 * one line and no stack trace; only a bug prints one.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
  private final CliContext ctx;

  FailureHandler(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    if (ex instanceof CliFailure f) {
      ctx.warn(f.getMessage());
      return f.exitCode();
    }
    if (ex instanceof RpcErrorException e) {
      ctx.warn(e.describe());
      return ExitCodes.FAILED;
    }
    if (ex instanceof NodeUnreachableException || ex instanceof UnexpectedResponseException) {
      ctx.warn("error: " + ex.getMessage());
      return ExitCodes.UNREACHABLE;
    }
    if (ex instanceof TxnChainException) {
      ctx.warn("error: " + ex.getMessage());
      return ExitCodes.FAILED;
    }
    ctx.warn("error: unexpected failure in '" + cmd.getCommandName() + "': " + ex);
    ex.printStackTrace(ctx.err());
    return ExitCodes.FAILED;
  }
}
