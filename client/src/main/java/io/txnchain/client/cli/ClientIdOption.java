package io.txnchain.client.cli;

import io.txnchain.client.sdk.Transactions;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --client-id ID}: the idempotency key of a transaction. Giving the same one again makes a
 * repeated command safe; by default each invocation picks a random one.
 */
final class ClientIdOption {
  private final CliContext ctx;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "idempotency key, at most 64 bytes (default: random)")
  private String clientId;

  ClientIdOption(CliContext ctx) {
    this.ctx = ctx;
  }

  String clientId() {
    if (clientId == null) {
      return Transactions.randomClientId(ctx.random());
    }
    int length = clientId.getBytes(StandardCharsets.UTF_8).length;
    if (length == 0 || length > Transaction.MAX_CLIENT_ID) {
      throw new ParameterException(
          spec.commandLine(),
          "--client-id must be 1 to " + Transaction.MAX_CLIENT_ID + " bytes, got " + length);
    }
    return clientId;
  }
}
