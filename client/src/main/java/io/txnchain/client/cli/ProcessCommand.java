package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.AppInfo;
import io.txnchain.client.sdk.RetryingSubmitter;
import io.txnchain.client.sdk.SealedResults;
import io.txnchain.client.sdk.Sealer;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxResult;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.wire.tx.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code txnchain process}: runs a work order on an enclave app pinned to the measurement the
 * network registered for it, and prints the result, opening it when it was sealed.
 */
@Command(name = "process", description = "Run a work order on an enclave app; prints its result.")
final class ProcessCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private SealOptions sealing;
  @Mixin private ClientIdOption clientId;

  @Option(names = "--app", paramLabel = "NAME", required = true, description = "enclave app")
  private String app;

  @Option(names = "--input", paramLabel = "JSON", required = true, description = "input (JSON)")
  private String input;

  ProcessCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    byte[] plaintext = validInput();
    String id = clientId.clientId();
    UserKey user = key.loadOrCreate();
    TxnChainClient client = node.connect();
    String chainId =
        Progress.during(ctx, "waiting for " + client.node(), () -> client.head().chainId());
    TxResult result =
        Progress.during(
            ctx,
            "waiting for the work order on " + client.node(),
            () -> send(client, chainId, user, id, plaintext));
    byte[] opened = result.sealed() ? SealedResults.open(user, chainId, result) : null;
    ObjectNode json = ResultView.json(result, opened);
    output.output().print(json, () -> ResultView.text(json));
    if ("failed".equals(result.status())) {
      ctx.warn("error: the work order was recorded as failed");
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private TxResult send(
      TxnChainClient client, String chainId, UserKey user, String id, byte[] plaintext) {
    AppInfo target = find(client.apps(), client);
    byte[] payload = plaintext;
    if (sealing.seal) {
      Sealer sealer = Sealer.forNode(client, ctx.random());
      payload = sealer.seal(sealing.attest(sealer), chainId, user.keyPair(), id, plaintext);
    }
    Transaction tx =
        Transactions.workOrder(
            chainId,
            id,
            app,
            target.measurementBytes(),
            payload,
            sealing.seal,
            user.replyKey().publicKey(),
            user.keyPair());
    return RetryingSubmitter.withDefaults(client).process(tx);
  }

  private byte[] validInput() {
    try {
      Output.MAPPER.readTree(input);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--input is not valid JSON: " + input);
    }
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > Transaction.MAX_PAYLOAD) {
      throw new ParameterException(spec.commandLine(), "--input is too large");
    }
    return bytes;
  }

  private AppInfo find(List<AppInfo> apps, TxnChainClient client) {
    return apps.stream()
        .filter(a -> a.name().equals(app))
        .findFirst()
        .orElseThrow(
            () ->
                new CliFailure(
                    ExitCodes.FAILED,
                    "error: no enclave app '"
                        + app
                        + "' on "
                        + client.node()
                        + " (available: "
                        + (apps.isEmpty()
                            ? "none"
                            : apps.stream().map(AppInfo::name).collect(Collectors.joining(", ")))
                        + ")"));
  }
}
