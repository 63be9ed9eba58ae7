package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.RetryingSubmitter;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxResult;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;

/**
 * Sends a member's governance request: a work order to the {@value #APP} app, signed with the
 * member's key and never sealed, since proposals and ballots are public by design.
 */
final class GovSession {
  static final String APP = "gov";

  private GovSession() {}

  /** Sends {@code request} and prints the app's answer; exit code 0. */
  static int send(
      CliContext ctx, NodeOption node, OutputOption output, KeyOption key, ObjectNode request) {
    UserKey member = key.loadExisting();
    TxnChainClient client = node.connect();
    TxResult r =
        Progress.during(
            ctx,
            "waiting for governance on " + client.node(),
            () -> {
              String chainId = client.head().chainId();
              Transaction tx =
                  Transactions.workOrder(
                      chainId,
                      Transactions.randomClientId(ctx.random()),
                      APP,
                      new byte[0],
                      request.toString().getBytes(StandardCharsets.UTF_8),
                      false,
                      member.replyKey().publicKey(),
                      member.keyPair());
              return RetryingSubmitter.withDefaults(client).process(tx);
            });
    JsonNode result = r.result();
    if (!result.has("proposal")) {
      ObjectNode json = Output.MAPPER.createObjectNode();
      json.put("txId", r.id());
      json.put("height", r.height());
      json.setAll((ObjectNode) result);
      output.output().print(json, () -> result.toString());
      return ExitCodes.OK;
    }
    ObjectNode json = Output.MAPPER.createObjectNode();
    json.put("txId", r.id());
    json.put("height", r.height());
    json.setAll((ObjectNode) result);
    output
        .output()
        .print(
            json,
            () ->
                "proposal "
                    + result.path("proposal").asText()
                    + ": "
                    + result.path("status").asText()
                    + " ("
                    + result.path("approvals").asLong()
                    + " for, "
                    + result.path("rejections").asLong()
                    + " against, of "
                    + result.path("members").asLong()
                    + " members)\ntx "
                    + r.id()
                    + " at height "
                    + r.height());
    return ExitCodes.OK;
  }
}
