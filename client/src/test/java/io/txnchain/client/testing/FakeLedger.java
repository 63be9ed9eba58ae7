package io.txnchain.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.testing.FakeNode.Failure;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A node that checks transactions as a real one does (decoding, signature, chain, kind, duplicate
 * ids, opening sealed payloads with its enclave key) and runs one app, {@code echo}, that answers
 * {@code {"echo": input}}, plus any app a test adds with {@link #app}.
 */
public final class FakeLedger implements AutoCloseable {
  /** An app a test adds: the answer to one (opened) input, or a {@link Failure}. */
  @FunctionalInterface
  public interface App {
    JsonNode run(Transaction tx, byte[] input) throws Failure;
  }

  public static final String CHAIN = "test-chain";
  public static final String APP = "echo";
  private static final HexFormat HEX = HexFormat.of();

  public final FakeNode node;
  public final TestEnclave enclave;
  public final byte[] appMeasurement = new byte[32];
  public final Map<String, Transaction> recorded = new ConcurrentHashMap<>();
  public final Map<String, byte[]> plaintexts = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> results = new ConcurrentHashMap<>();
  private final Map<String, App> apps = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final Map<String, byte[]> measurements = new ConcurrentHashMap<>();
  private final AtomicLong height = new AtomicLong();

  /** What {@code node_getEvidence} says about simulation. */
  public volatile boolean declareSimulated = true;

  /** Flips a bit of every sealed result, as a malicious host might. */
  public volatile boolean tamperSealedResults;

  /** Transactions refused with {@code OVERLOADED}. */
  public volatile Predicate<Transaction> overloaded = tx -> false;

  public FakeLedger(SecureRandom random) throws IOException {
    enclave = new TestEnclave(random);
    random.nextBytes(appMeasurement);
    node = FakeNode.start();
    node.on(
        "chain_head",
        p ->
            FakeNode.MAPPER
                .createObjectNode()
                .put("chainId", CHAIN)
                .put("height", height.get())
                .put("hash", "00".repeat(32))
                .put("stateRoot", "00".repeat(32))
                .put("timeMillis", 0));
    node.on(
        "node_getEvidence",
        p -> enclave.evidenceJson(HEX.parseHex(p.path("nonce").asText()), declareSimulated));
    node.on(
        "app_list",
        p -> {
          var list = FakeNode.MAPPER.createArrayNode();
          list.addObject().put("name", APP).put("measurement", HEX.formatHex(appMeasurement));
          apps.forEach(
              (name, app) ->
                  list.addObject()
                      .put("name", name)
                      .put("measurement", HEX.formatHex(measurements.get(name))));
          return list;
        });
    node.on("txn_submit", p -> submit(p, TxKind.DATA));
    node.on("txn_process", p -> submit(p, TxKind.WORK_ORDER));
    node.on(
        "txn_getResult",
        p -> {
          ObjectNode r = results.get(p.path("id").asText());
          if (r == null) {
            throw new Failure(-32030, "NOT_FOUND", "no transaction " + p.path("id").asText());
          }
          ObjectNode copy = r.deepCopy();
          copy.remove("node");
          return copy;
        });
  }

  /** Hosts {@code app} under {@code name}, with a random measurement. */
  public FakeLedger app(String name, App app, SecureRandom random) {
    byte[] m = new byte[32];
    random.nextBytes(m);
    measurements.put(name, m);
    apps.put(name, app);
    return this;
  }

  /** The measurement of an app added with {@link #app}. */
  public byte[] measurementOf(String name) {
    return measurements.get(name).clone();
  }

  public String url() {
    return node.url().toString();
  }

  private JsonNode submit(JsonNode params, TxKind kind) throws Failure {
    Transaction tx;
    try {
      tx = Transaction.decode(HEX.parseHex(params.path("tx").asText()));
    } catch (WireFormatException | IllegalArgumentException e) {
      throw new Failure(-32010, "MALFORMED_TRANSACTION", e.getMessage());
    }
    if (!tx.verifySignature()) {
      throw new Failure(-32012, "BAD_SIGNATURE", "bad signature");
    }
    if (!tx.chainId().equals(CHAIN)) {
      throw new Failure(-32011, "WRONG_CHAIN", "wrong chain");
    }
    if (tx.kind() != kind) {
      throw new Failure(-32016, "WRONG_KIND", "wrong kind");
    }
    if (overloaded.test(tx)) {
      throw new Failure(-32003, "OVERLOADED", "busy");
    }
    byte[] plaintext;
    try {
      plaintext = tx.sealed() ? enclave.openPayload(tx) : tx.payload();
    } catch (SealedBoxException e) {
      throw new Failure(-32015, "SEALED_PAYLOAD_UNREADABLE", e.getMessage());
    }
    if (recorded.putIfAbsent(tx.id(), tx) != null) {
      throw new Failure(
          -32013,
          "DUPLICATE_TRANSACTION",
          "transaction " + tx.id() + " is already on the ledger",
          FakeNode.MAPPER.createObjectNode().put("txId", tx.id()).put("height", 1));
    }
    plaintexts.put(tx.id(), plaintext);
    long h = height.incrementAndGet();
    ObjectNode r = FakeNode.MAPPER.createObjectNode();
    if (kind == TxKind.DATA) {
      r.put("txId", tx.id()).put("height", h).put("index", 0).put("sealed", tx.sealed());
      results.put(tx.id(), r.deepCopy().put("kind", "data").put("status", "ok"));
      return r;
    }
    try {
      return process(tx, plaintext, h);
    } catch (Failure f) {
      // As on a real node, a refused work order is not on the ledger.
      recorded.remove(tx.id());
      plaintexts.remove(tx.id());
      throw f;
    }
  }

  private JsonNode process(Transaction tx, byte[] input, long h) throws Failure {
    App app = apps.get(tx.app());
    byte[] measurement = app == null ? appMeasurement : measurements.get(tx.app());
    if (app == null && !tx.app().equals(APP)) {
      throw new Failure(-32020, "UNKNOWN_APP", "no app " + tx.app());
    }
    if (!java.util.Arrays.equals(tx.appMeasurement(), measurement)) {
      throw new Failure(-32021, "APP_MEASUREMENT_MISMATCH", "measurement differs");
    }
    JsonNode output;
    if (app != null) {
      output = app.run(tx, input);
    } else {
      try {
        output = FakeNode.MAPPER.createObjectNode().set("echo", FakeNode.MAPPER.readTree(input));
      } catch (IOException e) {
        throw new Failure(-32022, "APP_REJECTED", "input is not JSON");
      }
    }
    byte[] out = output.toString().getBytes(StandardCharsets.UTF_8);
    ObjectNode r = FakeNode.MAPPER.createObjectNode();
    r.put("workOrderId", tx.id())
        .put("kind", "work_order")
        .put("height", h)
        .put("index", 0)
        .put("status", "ok")
        .put("app", tx.app())
        .put("outputSha256", HEX.formatHex(Hashes.sha256(out)));
    if (tx.sealed()) {
      byte[] box = enclave.sealResult(tx, out);
      if (tamperSealedResults) {
        box[box.length - 1] ^= 1;
      }
      r.put("sealed", true).put("sealedResult", HEX.formatHex(box));
    } else {
      r.set("result", output);
    }
    r.putArray("events");
    r.put("node", "node-1");
    results.put(tx.id(), r);
    return r;
  }

  @Override
  public void close() {
    node.close();
  }
}
