package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.UserKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code txnchain keys new}: a new key file, never over an existing one. */
@Command(name = "new", description = "Create a user key file; prints its address.")
final class KeysNewCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private OutputOption output;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "where to write it (default: $TXNCHAIN_KEY, else ~/.txnchain/default.key)")
  private Path out;

  KeysNewCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path file =
        out != null
            ? out
            : ctx.envVar(CliContext.ENV_KEY)
                .map(Path::of)
                .orElseGet(() -> KeyOption.defaultPath(ctx));
    UserKey key = UserKey.create(file, ctx.random());
    ObjectNode json = Output.MAPPER.createObjectNode();
    json.put("address", key.address().toChecksumHex());
    json.put("file", file.toString());
    output
        .output()
        .print(
            json, () -> new TextTable().row("address", key.address()).row("file", file).render());
    return ExitCodes.OK;
  }
}
