package io.txnchain.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Hashes;
import io.txnchain.settlement.bridge.LedgerPort;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import io.txnchain.tee.app.EnclaveApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real dex app run as the ledger's state machine runs it, in memory: each input is one
 * transaction against copies of the app's states that replace the committed ones only when the app
 * returns normally. Enough ledger to drive the bridge end to end without a node.
 */
final class InProcessLedger implements LedgerPort {
  static final ObjectMapper JSON = new ObjectMapper();

  record Emitted(String type, JsonNode data) {}

  private final EnclaveApp app;
  private final String operator;
  private TreeMap<String, byte[]> pub = new TreeMap<>();
  private TreeMap<String, byte[]> priv = new TreeMap<>();
  final List<Emitted> events = new ArrayList<>();
  private long height;
  private long time = 1_800_000_000_000L;

  InProcessLedger(EnclaveApp app, String operator) {
    this.app = app;
    this.operator = operator;
  }

  @Override
  public synchronized JsonNode process(String input) throws LedgerRejectedException {
    return run(operator, false, input);
  }

  synchronized JsonNode run(String caller, boolean sealed, String input)
      throws LedgerRejectedException {
    height++;
    time += 1_000;
    String txId = "0x" + HexFormat.of().formatHex(Hashes.sha256(("tx-" + height).getBytes()));
    Ctx ctx = new Ctx(txId, caller, sealed);
    byte[] out;
    try {
      out = app.execute(ctx, input.getBytes(StandardCharsets.UTF_8));
    } catch (AppRejectedException e) {
      throw new LedgerRejectedException(e.reason(), e.getMessage());
    }
    pub = ctx.pub.map;
    priv = ctx.priv.map;
    events.addAll(ctx.emitted);
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class Ctx implements AppContext {
    final String txId;
    final String caller;
    final boolean sealed;
    final State pub = new State(new TreeMap<>(InProcessLedger.this.pub));
    final State priv = new State(new TreeMap<>(InProcessLedger.this.priv));
    final List<Emitted> emitted = new ArrayList<>();

    Ctx(String txId, String caller, boolean sealed) {
      this.txId = txId;
      this.caller = caller;
      this.sealed = sealed;
    }

    @Override
    public String txId() {
      return txId;
    }

    @Override
    public String caller() {
      return caller;
    }

    @Override
    public long blockHeight() {
      return height;
    }

    @Override
    public long blockTimeMillis() {
      return time;
    }

    @Override
    public boolean inputWasSealed() {
      return sealed;
    }

    @Override
    public AppState publicState() {
      return pub;
    }

    @Override
    public AppState privateState() {
      return priv;
    }

    @Override
    public void emit(String type, byte[] data) {
      try {
        emitted.add(new Emitted(type, JSON.readTree(data)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Keys as ISO-8859-1 strings keep unsigned byte order in a TreeMap. */
  private static final class State implements AppState {
    final TreeMap<String, byte[]> map;

    State(TreeMap<String, byte[]> map) {
      this.map = map;
    }

    private static String k(byte[] key) {
      return new String(key, StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] get(byte[] key) {
      byte[] v = map.get(k(key));
      return v == null ? null : v.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
      map.put(k(key), value.clone());
    }

    @Override
    public void delete(byte[] key) {
      map.remove(k(key));
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, int limit) {
      List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
      for (Map.Entry<String, byte[]> e : map.tailMap(k(prefix), true).entrySet()) {
        byte[] key = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
        if (key.length < prefix.length
            || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)
            || out.size() >= limit) {
          break;
        }
        out.add(Map.entry(key, e.getValue().clone()));
      }
      return out;
    }
  }
}
