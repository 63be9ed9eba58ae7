package io.txnchain.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.governance.GovApp;
import io.txnchain.governance.GovernanceView;
import io.txnchain.ledger.machine.ChainHead;
import io.txnchain.ledger.machine.RegisteredApp;
import io.txnchain.ledger.machine.RejectCode;
import io.txnchain.ledger.machine.TxOutcome;
import io.txnchain.ledger.receipt.ReceiptBuilder;
import io.txnchain.ledger.store.StoredBlock;
import io.txnchain.ledger.store.TxLocation;
import io.txnchain.node.quota.AppQuota;
import io.txnchain.node.route.Peer;
import io.txnchain.node.rpc.JsonRpcDispatcher;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.node.rpc.RpcException;
import io.txnchain.node.sequencer.Committed;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.wire.block.BlockSignature;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.receipt.ReceiptView;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/** The node's JSON-RPC methods (docs/api.md). */
final class NodeRpc {
  private static final long COMMIT_TIMEOUT_SECONDS = 30;
  private final Node node;
  private final ObjectMapper mapper;

  NodeRpc(Node node, ObjectMapper mapper) {
    this.node = node;
    this.mapper = mapper;
  }

  void registerAll(JsonRpcDispatcher d) {
    d.register("txn_submit", p -> submit(p, TxKind.DATA));
    d.register("txn_process", p -> submit(p, TxKind.WORK_ORDER));
    d.register("txn_getResult", p -> done(result(id(p))));
    d.register("txn_getTransaction", p -> done(transaction(id(p))));
    d.register("txn_getReceipt", p -> done(receipt(id(p))));
    d.register("chain_head", p -> done(head()));
    d.register("chain_getBlock", p -> done(block(p)));
    d.register("node_getEvidence", p -> done(evidence(p)));
    d.register("network_status", p -> done(node.status()));
    d.register("app_list", p -> done(apps()));
    d.register(
        "node_join",
        p -> {
          node.checkJoiningMember(p);
          return done(
              NetworkJoin.answer(
                  node.enclave(),
                  node.governance(),
                  node.attestation(),
                  node.replicationGroup(),
                  mapper,
                  p));
        });
    d.register("gov_list", p -> done(node.governance().toJson(GovernanceView.MAX_LISTED)));
    d.register("gov_issueRecoveryShares", p -> node.recoveryShares().issueNow());
  }

  /**
   * Has the enclave split the network keys among the members' recovery keys and records the sealed
   * shares, answering once applied here: the one path of both {@code gov_issueRecoveryShares} and
   * the automatic reissue ({@link io.txnchain.node.recovery.RecoveryReissuer}).
   */
  CompletableFuture<Object> issueRecoveryShares() throws RpcException {
    byte[] tx =
        node.submitter()
            .workOrder(
                GovApp.NAME,
                "recovery-" + Long.toString(System.nanoTime(), 36),
                node.recoverySharesInput());
    ObjectNode params = mapper.createObjectNode();
    params.put("tx", Hex.toHexString(tx));
    return submit(params, TxKind.WORK_ORDER);
  }

  private static CompletableFuture<Object> done(Object value) {
    return CompletableFuture.completedFuture(value);
  }

  private CompletableFuture<Object> submit(JsonNode params, TxKind kind) throws RpcException {
    byte[] encoded = hexParam(params, "tx");
    Transaction tx = node.admission().check(encoded, kind);
    if (!node.log().healthy() || node.log().leaderId() == null) {
      throw new RpcException(
          RpcError.NOT_READY, "this node knows no leader or has stopped; nothing was submitted");
    }
    if (kind != TxKind.WORK_ORDER) {
      return order(tx, encoded);
    }
    String app = tx.app();
    // Governance stays reachable whatever the policy says: it is how members repair the policy.
    String nonCompliant = app.equals(GovApp.NAME) ? null : node.ownComplianceFailure();
    if (nonCompliant != null) {
      Optional<Peer> peer =
          params.path("route").asBoolean(true) ? node.router().elsewhere(app) : Optional.empty();
      if (peer.isPresent()) {
        return forward(peer.get(), tx, encoded);
      }
      throw new RpcException(
          RpcError.NOT_READY,
          "this node does not meet the network's attestation policy ("
              + nonCompliant
              + "), so it takes no work orders, and no compliant peer has room");
    }
    AppQuota quota = node.quotas().of(app);
    if (tx.payload().length > quota.maxInputBytes()) {
      node.quotas().refused(app);
      throw new RpcException(
          RpcError.QUOTA_EXCEEDED,
          "work orders for '"
              + app
              + "' take at most "
              + quota.maxInputBytes()
              + " bytes of input; this one has "
              + tx.payload().length,
          Map.of("app", app, "maxInputBytes", quota.maxInputBytes()));
    }
    if (!node.quotas().tryAcquire(app)) {
      Optional<Peer> peer =
          params.path("route").asBoolean(true) ? node.router().elsewhere(app) : Optional.empty();
      if (peer.isPresent()) {
        return forward(peer.get(), tx, encoded);
      }
      throw new RpcException(
          RpcError.QUOTA_EXCEEDED,
          "'"
              + app
              + "' has "
              + quota.maxConcurrent()
              + " work orders in flight on this node, its limit; retry later or on another node",
          Map.of("app", app, "maxConcurrent", quota.maxConcurrent()));
    }
    CompletableFuture<Object> answer;
    try {
      answer = order(tx, encoded);
    } catch (RpcException | RuntimeException e) {
      node.quotas().release(app);
      throw e;
    }
    return answer.whenComplete((v, e) -> node.quotas().release(app));
  }

  /**
   * Hands a work order this node has no room for to {@code peer}. If the peer does not answer (it
   * died mid-order, or the network between us failed), the order is completed here instead, over
   * quota: the client was promised an answer, and the same bytes give the same committed result
   * wherever they are ordered.
   */
  private CompletableFuture<Object> forward(Peer peer, Transaction tx, byte[] encoded) {
    node.router().taken(peer, tx.app());
    ObjectNode request = mapper.createObjectNode();
    request.put("jsonrpc", "2.0").put("id", 1).put("method", "txn_process");
    request.putObject("params").put("tx", Hex.toHexString(encoded)).put("route", false);
    return node.router()
        .forward(peer, request, Duration.ofSeconds(COMMIT_TIMEOUT_SECONDS + 5))
        .handle(
            (answer, failure) -> {
              if (failure == null && answer.has("result")) {
                return CompletableFuture.completedFuture((Object) answer.get("result"));
              }
              if (failure == null && answer.has("error")) {
                RpcError error =
                    RpcError.byCode(answer.at("/error/code").asInt())
                        .orElse(RpcError.INTERNAL_ERROR);
                if (error != RpcError.QUOTA_EXCEEDED && error != RpcError.NOT_READY) {
                  throw new CompletionException(
                      new RpcException(error, answer.at("/error/message").asText()));
                }
              }
              return completeHere(tx, encoded);
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<Object> completeHere(Transaction tx, byte[] encoded) {
    try {
      if (node.store().locate(tx.id()).isPresent()) {
        ObjectNode n = (ObjectNode) result(tx.id());
        n.put("node", node.nodeId());
        return CompletableFuture.completedFuture(n);
      }
      return order(tx, encoded);
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Orders a checked transaction and answers once this node has applied it. */
  private CompletableFuture<Object> order(Transaction tx, byte[] encoded) throws RpcException {
    node.machine().preverify(tx);
    CompletableFuture<Committed> committed = node.sequencer().submit(encoded);
    if (committed == null) {
      throw new RpcException(RpcError.OVERLOADED, "too many pending transactions; retry later");
    }
    // The answer waits until this node has applied the block too, so that a client reading from
    // this node right after sees its write.
    return committed
        .thenCompose(
            c ->
                c.outcome().isRecorded()
                    ? node.appliedHeight().await(c.height()).thenApply(v -> c)
                    : CompletableFuture.completedFuture(c))
        .orTimeout(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .exceptionally(
            e -> {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof RpcException) {
                throw new CompletionException(cause);
              }
              throw new CompletionException(
                  new RpcException(
                      RpcError.NOT_COMMITTED,
                      "transaction "
                          + tx.id()
                          + " was not committed in time; it may still commit: retry with the same"
                          + " client id"));
            })
        .thenApply(c -> answer(tx, c));
  }

  private Object answer(Transaction tx, Committed c) {
    TxOutcome outcome = c.outcome();
    if (!outcome.isRecorded()) {
      RpcException e =
          outcome.code() == RejectCode.DUPLICATE_TRANSACTION
              ? Admission.duplicate(
                  tx.id(), node.store().locate(tx.id()).map(TxLocation::height).orElse(-1L))
              : new RpcException(RpcError.of(outcome.code()), outcome.message());
      throw new java.util.concurrent.CompletionException(e);
    }
    if (tx.kind() == TxKind.DATA) {
      ObjectNode n = mapper.createObjectNode();
      n.put("txId", tx.id());
      n.put("height", c.height());
      n.put("index", outcome.recordIndex());
      n.put("sealed", tx.sealed());
      return n;
    }
    try {
      ObjectNode n = (ObjectNode) result(tx.id());
      n.put("node", node.nodeId());
      return n;
    } catch (RpcException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }

  private String id(JsonNode params) throws RpcException {
    JsonNode id = params.get("id");
    if (id == null || !id.isTextual()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.id must be a string");
    }
    return id.asText();
  }

  private static byte[] hexParam(JsonNode params, String name) throws RpcException {
    JsonNode v = params.get(name);
    if (v == null || !v.isTextual()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params." + name + " must be a hex string");
    }
    String s = v.asText();
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    try {
      return Hex.decodeStrict(s);
    } catch (DecoderException e) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params." + name + " is not valid hex");
    }
  }

  private TxRecord record(String id) throws RpcException {
    TxLocation at =
        node.store()
            .locate(id)
            .orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no transaction " + id));
    byte[] raw =
        node.store()
            .record(at)
            .orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no transaction " + id));
    try {
      return TxRecord.decode(raw);
    } catch (WireFormatException e) {
      throw new IllegalStateException("stored record is corrupt", e);
    }
  }

  /** The recorded result: the public output, or the sealed one and the hash of the plaintext. */
  private JsonNode result(String id) throws RpcException {
    TxRecord r = record(id);
    TxLocation at = node.store().locate(id).orElseThrow();
    ObjectNode n = mapper.createObjectNode();
    n.put(r.tx().kind() == TxKind.WORK_ORDER ? "workOrderId" : "txId", id);
    n.put("kind", r.tx().kind().name().toLowerCase(java.util.Locale.ROOT));
    n.put("height", at.height());
    n.put("index", at.index());
    n.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    if (!r.tx().app().isEmpty()) {
      n.put("app", r.tx().app());
    }
    if (r.outputHash().length > 0) {
      n.put("outputSha256", Hex.toHexString(r.outputHash()));
    }
    if (r.outputSealed()) {
      n.put("sealed", true);
      n.put("sealedResult", Hex.toHexString(r.output()));
    } else if (r.tx().kind() == TxKind.WORK_ORDER) {
      n.set("result", outputJson(r.output()));
    }
    ArrayNode events = n.putArray("events");
    for (var e : r.events()) {
      ObjectNode en = events.addObject();
      en.put("app", e.app());
      en.put("type", e.type());
      en.set("data", outputJson(e.data()));
    }
    return n;
  }

  private JsonNode outputJson(byte[] output) {
    try {
      return mapper.readTree(output);
    } catch (java.io.IOException e) {
      return mapper.getNodeFactory().textNode(new String(output, StandardCharsets.UTF_8));
    }
  }

  private JsonNode transaction(String id) throws RpcException {
    TxRecord r = record(id);
    ObjectNode n = ReceiptView.describe(r);
    n.put("height", node.store().locate(id).orElseThrow().height());
    return n;
  }

  private static final java.util.regex.Pattern TRADE_ID =
      java.util.regex.Pattern.compile("^(0x[0-9a-f]{64})-(\\d{1,9})$");

  /**
   * The receipt of a transaction or work order, or of the transaction that made a trade: a trade id
   * is {@code <txId>-<n>} and its receipt is that transaction's, whose entry holds the trade among
   * its events.
   */
  private Object receipt(String id) throws RpcException {
    java.util.regex.Matcher trade = TRADE_ID.matcher(id);
    String txId = trade.matches() ? trade.group(1) : id;
    return new ReceiptBuilder(node.store())
        .receipt(txId)
        .orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no transaction " + id));
  }

  private JsonNode head() {
    ChainHead h = node.store().head();
    ObjectNode n = mapper.createObjectNode();
    n.put("chainId", node.chainId());
    n.put("height", h.height());
    n.put("hash", Hex.toHexString(h.hash()));
    n.put("stateRoot", Hex.toHexString(h.stateRoot()));
    n.put("timeMillis", h.timeMillis());
    return n;
  }

  private JsonNode block(JsonNode params) throws RpcException {
    JsonNode h = params.get("height");
    if (h == null || !h.canConvertToLong() || !h.isIntegralNumber()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.height must be an integer");
    }
    long height = h.asLong();
    StoredBlock b =
        node.store()
            .block(height)
            .orElseThrow(
                () -> new RpcException(RpcError.NOT_FOUND, "no block at height " + height));
    ObjectNode n = mapper.createObjectNode();
    n.put("height", height);
    n.put("hash", Hex.toHexString(b.header().hash()));
    n.put("prevHash", Hex.toHexString(b.header().prevHash()));
    n.put("txRoot", Hex.toHexString(b.header().txRoot()));
    n.put("stateRoot", Hex.toHexString(b.header().stateRoot()));
    n.put("txCount", b.header().txCount());
    n.put("timeMillis", b.header().timeMillis());
    // This node's own signature first, then every other node's recorded on the ledger so far.
    ArrayNode sigs = n.putArray("signatures");
    Set<String> seen = new HashSet<>();
    for (BlockSignature s : b.signatures()) {
      String key = Hex.toHexString(s.enclaveKey());
      if (seen.add(key)) {
        sigs.addObject().put("enclaveKey", key).put("signature", Hex.toHexString(s.signature()));
      }
    }
    new ReceiptBuilder(node.store())
        .coSignatures(b.header())
        .forEach(
            (key, sig) -> {
              if (seen.add(key)) {
                sigs.addObject().put("enclaveKey", key).put("signature", sig);
              }
            });
    ArrayNode txs = n.putArray("transactions");
    for (byte[] raw : node.store().records(height)) {
      try {
        txs.add(TxRecord.decode(raw).tx().id());
      } catch (WireFormatException e) {
        throw new IllegalStateException("stored record is corrupt", e);
      }
    }
    return n;
  }

  private JsonNode evidence(JsonNode params) throws RpcException {
    byte[] nonce = params.has("nonce") ? hexParam(params, "nonce") : node.receiptNonce();
    if (nonce.length > 64) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.nonce is at most 64 bytes");
    }
    Evidence e = node.enclave().evidence(nonce);
    ObjectNode n = mapper.createObjectNode();
    n.put("teeType", node.enclave().teeType());
    n.put("simulated", node.enclave().simulated());
    n.put("measurement", Hex.toHexString(node.enclave().measurement()));
    n.put("identityKey", Hex.toHexString(node.enclave().keys().identityKey()));
    n.put("encryptionKey", Hex.toHexString(node.enclave().keys().encryptionKey()));
    n.put("nonce", Hex.toHexString(nonce));
    n.put("format", e.format());
    n.put("data", Hex.toHexString(e.data()));
    return n;
  }

  private JsonNode apps() {
    ArrayNode a = mapper.createArrayNode();
    for (RegisteredApp app : node.apps().all()) {
      ObjectNode n =
          a.addObject()
              .put("name", app.name())
              .put("measurement", Hex.toHexString(app.measurement()));
      node.quotas().describe(app.name(), n.putObject("quota"));
    }
    return a;
  }
}
