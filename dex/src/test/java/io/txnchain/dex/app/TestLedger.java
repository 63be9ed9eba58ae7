package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import io.txnchain.tee.app.EnclaveApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;

/**
 * A ledger for one app, in memory, as the state machine runs it: each input is one transaction in
 * its own block, executed against copies of the app's public and private state that replace the
 * committed ones only if {@code execute} returns normally; events are kept the same way, at most
 * 1,000 per transaction.
 */
final class TestLedger {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_EVENTS = 1_000;

  /** An event an app emitted. */
  record Emitted(String type, JsonNode data) {}

  /** The outcome of one accepted input. */
  record Result(String txId, JsonNode output, List<Emitted> events) {}

  MemoryState publicState = new MemoryState();
  MemoryState privateState = new MemoryState();
  long height;
  long timeMillis = 1_800_000_000_000L;
  private long txCounter;

  /** Writes the last refused execution attempted (and the ledger dropped). */
  int droppedWrites;

  /** Events the last refused execution emitted (and the ledger dropped). */
  int droppedEvents;

  TestLedger copy() {
    TestLedger c = new TestLedger();
    c.publicState = publicState.copy();
    c.privateState = privateState.copy();
    c.height = height;
    c.timeMillis = timeMillis;
    c.txCounter = txCounter;
    return c;
  }

  String nextTxId() {
    return "0x" + Hex.toHexString(Hashes.sha256(("tx-" + (txCounter + 1)).getBytes()));
  }

  Result run(EnclaveApp app, String caller, boolean sealed, String input)
      throws AppRejectedException {
    txCounter++;
    height++;
    timeMillis += 1_000;
    Ctx ctx = new Ctx("0x" + Hex.toHexString(Hashes.sha256(("tx-" + txCounter).getBytes())));
    ctx.caller = caller;
    ctx.sealed = sealed;
    ctx.pub = publicState.copy();
    ctx.priv = privateState.copy();
    ctx.pub.writes = 0;
    ctx.priv.writes = 0;
    byte[] out;
    try {
      out = app.execute(ctx, input.getBytes(StandardCharsets.UTF_8));
    } catch (AppRejectedException | RuntimeException e) {
      droppedWrites = ctx.pub.writes + ctx.priv.writes;
      droppedEvents = ctx.events.size();
      throw e;
    }
    publicState = ctx.pub;
    privateState = ctx.priv;
    return new Result(ctx.txId, parse(out), List.copyOf(ctx.events));
  }

  static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class Ctx implements AppContext {
    final String txId;
    final List<Emitted> events = new ArrayList<>();
    String caller;
    boolean sealed;
    MemoryState pub;
    MemoryState priv;

    Ctx(String txId) {
      this.txId = txId;
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
      return timeMillis;
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
      if (events.size() >= MAX_EVENTS) {
        throw new IllegalArgumentException("more than " + MAX_EVENTS + " events");
      }
      events.add(new Emitted(type, parse(data)));
    }

    @Override
    public byte[] sealTo(byte[] recipientKey, byte[] info, byte[] aad, byte[] plaintext) {
      // Deterministic like the ledger's, from the inputs alone: there is no network secret here.
      return SealedBox.sealDeterministic(
          recipientKey,
          info,
          aad,
          plaintext,
          Hashes.sha256(txId.getBytes(StandardCharsets.US_ASCII), recipientKey, aad, plaintext));
    }
  }
}
