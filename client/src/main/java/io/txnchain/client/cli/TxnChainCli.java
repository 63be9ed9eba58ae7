package io.txnchain.client.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code txnchain} command line. Command names, options and exit codes are a public contract
 * (CONTRACT.md): 0 success, 1 a check failed or the node rejected the request, 2 usage error, 3 the
 * node cannot be reached.
 */
@Command(
    name = "txnchain",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = TxnChainCli.Version.class,
    description = "Submit, process and verify transactions on a TxnChain network.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      StatusCommand.class,
      SubmitCommand.class,
      ProcessCommand.class,
      ResultCommand.class,
      ReceiptCommand.class,
      VerifyCommand.class,
      KeysCommand.class,
      HeadCommand.class,
      BlockCommand.class,
      TxCommand.class,
      BenchCommand.class,
      DexCommand.class,
      StoreCommand.class,
      AttestCommand.class,
      GovCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TxnChainCli {

  private TxnChainCli() {}

  public static void main(String[] args) {
    System.exit(execute(CliContext.system(), args));
  }

  static int execute(CliContext ctx, String... args) {
    CommandLine cl = new CommandLine(new TxnChainCli(), new CommandFactory(ctx));
    cl.setOut(new PrintWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true));
    cl.setExecutionExceptionHandler(new FailureHandler(ctx));
    return cl.execute(args);
  }

  /** The version from the jar manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = TxnChainCli.class.getPackage().getImplementationVersion();
      return new String[] {"txnchain " + (v == null ? "(development build)" : v)};
    }
  }
}
