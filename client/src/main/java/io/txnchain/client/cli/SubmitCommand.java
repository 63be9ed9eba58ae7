package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.AttestedEnclave;
import io.txnchain.client.sdk.RetryingSubmitter;
import io.txnchain.client.sdk.Sealer;
import io.txnchain.client.sdk.SubmitResult;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.wire.tx.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code txnchain submit}: records a signed, optionally sealed, data transaction. */
@Command(
    name = "submit",
    description = "Write a signed transaction; --seal encrypts the payload to the enclave key.")
final class SubmitCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private SealOptions sealing;
  @Mixin private ClientIdOption clientId;

  @ArgGroup(multiplicity = "1")
  private Payload payload;

  /** Exactly one payload source. */
  static final class Payload {
    @Option(names = "--text", paramLabel = "S", required = true, description = "payload text")
    String text;

    @Option(names = "--file", paramLabel = "F", required = true, description = "payload file")
    Path file;
  }

  SubmitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    byte[] plaintext = readPayload();
    String id = clientId.clientId();
    UserKey user = key.loadOrCreate();
    TxnChainClient client = node.connect();
    SubmitResult result =
        Progress.during(
            ctx, "waiting for " + client.node(), () -> send(client, user, id, plaintext));
    ObjectNode json = Output.MAPPER.createObjectNode();
    json.put("txId", result.txId());
    json.put("height", result.height());
    json.put("index", result.index());
    json.put("sealed", result.sealed());
    json.put("clientId", id);
    json.put("sender", user.address().toChecksumHex());
    output
        .output()
        .print(
            json,
            () ->
                new TextTable()
                    .row("txId", result.txId())
                    .row("height", result.height())
                    .row("index", result.index())
                    .row("sealed", result.sealed() ? "yes" : "no")
                    .row("clientId", id)
                    .row("sender", user.address())
                    .render());
    return ExitCodes.OK;
  }

  private SubmitResult send(TxnChainClient client, UserKey user, String id, byte[] plaintext) {
    String chainId = client.head().chainId();
    byte[] body = plaintext;
    if (sealing.seal) {
      Sealer sealer = Sealer.forNode(client, ctx.random());
      AttestedEnclave enclave = sealing.attest(sealer);
      body = sealer.seal(enclave, chainId, user.keyPair(), id, plaintext);
    }
    Transaction tx = Transactions.data(chainId, id, body, sealing.seal, user.keyPair());
    return RetryingSubmitter.withDefaults(client).submit(tx);
  }

  private byte[] readPayload() {
    byte[] bytes;
    if (payload.text != null) {
      bytes = payload.text.getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        bytes = Files.readAllBytes(payload.file);
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(), "--file: cannot read " + payload.file + " (" + e + ")");
      }
    }
    if (bytes.length > Transaction.MAX_PAYLOAD) {
      throw new ParameterException(
          spec.commandLine(),
          "the payload is " + bytes.length + " bytes; the limit is " + Transaction.MAX_PAYLOAD);
    }
    return bytes;
  }
}
