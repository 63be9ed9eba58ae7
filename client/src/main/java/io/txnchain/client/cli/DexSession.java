package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.cli.bench.SignedLoad;
import io.txnchain.client.sdk.AppInfo;
import io.txnchain.client.sdk.AttestedEnclave;
import io.txnchain.client.sdk.RetryingSubmitter;
import io.txnchain.client.sdk.SealedResults;
import io.txnchain.client.sdk.Sealer;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxResult;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sends DEX requests: each one a work order to the {@value #APP} app, pinned to the measurement the
 * node registered for it, sealed to the attested enclave with the user's reply key when asked, and
 * its result opened again.
 */
final class DexSession {
  static final String APP = "dex";

  private final CliContext ctx;
  private final TxnChainClient client;
  private String chainId;
  private AppInfo app;

  /** The recorded work order and the app's answer (opened when it was sealed). */
  record Reply(TxResult tx, JsonNode result) {}

  DexSession(CliContext ctx, TxnChainClient client) {
    this.ctx = ctx;
    this.client = client;
  }

  TxnChainClient client() {
    return client;
  }

  String chainId() {
    if (chainId == null) {
      chainId = client.head().chainId();
    }
    return chainId;
  }

  /** The {@value #APP} app as the node lists it. */
  AppInfo dexApp() {
    if (app == null) {
      List<AppInfo> apps = client.apps();
      app =
          apps.stream()
              .filter(a -> a.name().equals(APP))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CliFailure(
                          ExitCodes.FAILED,
                          "error: no enclave app '"
                              + APP
                              + "' on "
                              + client.node()
                              + " (available: "
                              + (apps.isEmpty()
                                  ? "none"
                                  : apps.stream()
                                      .map(AppInfo::name)
                                      .collect(Collectors.joining(", ")))
                              + ")"));
    }
    return app;
  }

  /** Builds, signs (and seals) the work order for {@code request}. */
  Transaction workOrder(UserKey user, ObjectNode request, boolean seal, boolean allowSimulated) {
    byte[] plaintext = request.toString().getBytes(StandardCharsets.UTF_8);
    String clientId = Transactions.randomClientId(ctx.random());
    SignedLoad.PayloadSealer sealer = null;
    if (seal) {
      Sealer s = Sealer.forNode(client, ctx.random());
      SealOptions policy = new SealOptions(ctx);
      policy.allowSimulated = allowSimulated;
      AttestedEnclave enclave = policy.attest(s);
      sealer = (key, id, bytes) -> s.seal(enclave, chainId(), key, id, bytes);
    }
    return workOrder(chainId(), dexApp().measurementBytes(), user, clientId, plaintext, sealer);
  }

  /**
   * The work order to the {@value #APP} app (pinned to {@code measurement}) carrying {@code
   * plaintext}, sealed with {@code sealer} and answered to the user's reply key when {@code sealer}
   * is not null, signed with the user's key.
   */
  static Transaction workOrder(
      String chainId,
      byte[] measurement,
      UserKey user,
      String clientId,
      byte[] plaintext,
      SignedLoad.PayloadSealer sealer) {
    boolean seal = sealer != null;
    byte[] payload = seal ? sealer.seal(user.keyPair(), clientId, plaintext) : plaintext;
    return Transactions.workOrder(
        chainId,
        clientId,
        APP,
        measurement,
        payload,
        seal,
        user.replyKey().publicKey(),
        user.keyPair());
  }

  /** Runs {@code request} and returns the app's answer. */
  Reply send(UserKey user, ObjectNode request, boolean seal, boolean allowSimulated) {
    return Progress.during(
        ctx,
        "waiting for the dex app on " + client.node(),
        () -> {
          Transaction tx = workOrder(user, request, seal, allowSimulated);
          TxResult r = RetryingSubmitter.withDefaults(client).process(tx);
          JsonNode result =
              r.sealed() ? ResultView.parse(SealedResults.open(user, chainId(), r)) : r.result();
          return new Reply(r, result);
        });
  }

  /** The {@code markets} query, public, so never sealed. */
  DexMarkets markets(UserKey user) {
    ObjectNode q = Output.MAPPER.createObjectNode().put("op", "markets");
    return DexMarkets.parse(send(user, q, false, false).result(), client.node().toString());
  }
}
