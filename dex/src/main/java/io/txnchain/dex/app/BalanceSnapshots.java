package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.Engine;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.bouncycastle.util.encoders.Hex;

/**
 * Balances sealed to their owners (ADR 26), so that the order-book store can serve an account its
 * balances while the host holds only ciphertext.
 *
 * <p>An account registers an X25519 view key with {@code {"op": "setViewKey", "key": HEX}}. From
 * then on, every accepted command that touches the account ends with a sealed copy of all its
 * balances in the transaction's {@value #EVENT} event: {@code {"snapshots": [{"owner": "0x...",
 * "box": HEX}]}}, owners lower-case and in account order, one event per transaction however many
 * accounts a command touches. A box opens with the view key under {@link #INFO} and the owner's
 * lower-case address as associated data, to what the sealed {@code balances} query answers plus
 * {@code height} and {@code txId}.
 *
 * <p>The owner's address and the moment its balances changed are public anyway (the signer of a
 * transaction and the maker of a trade are); the amounts are not.
 */
final class BalanceSnapshots {
  static final String EVENT = "balances";
  static final String OP = "setViewKey";
  static final byte[] INFO = "txnchain/dex/balances/v1".getBytes(StandardCharsets.US_ASCII);

  private static final String KEY_PREFIX = "viewkey/";

  private BalanceSnapshots() {}

  /** Registers (or replaces) the caller's view key and seals a first snapshot to it. */
  static byte[] register(
      AppContext ctx, ObjectNode in, EthAddress caller, Engine engine, DexConfig config)
      throws AppRejectedException {
    DexJson.allowOnly(in, "op", "key");
    String hex = DexJson.requiredString(in, "key");
    if (hex.startsWith("0x")) {
      hex = hex.substring(2);
    }
    if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new AppRejectedException(
          Codes.INVALID_FIELD, "key must be a 32-byte X25519 public key in hex");
    }
    byte[] key = Hex.decode(hex);
    ObjectNode snapshot;
    try {
      snapshot = snapshot(ctx, engine, config, caller, key);
    } catch (IllegalArgumentException e) {
      throw new AppRejectedException(
          Codes.INVALID_FIELD, "key is not a usable X25519 public key (a low-order point)");
    }
    ctx.privateState().put(storageKey(caller), key);
    ObjectNode event = DexJson.object();
    event.putArray("snapshots").add(snapshot);
    ctx.emit(EVENT, DexJson.write(event));
    ObjectNode reply = DexJson.object();
    reply.put("op", OP);
    reply.put("address", caller.toChecksumHex());
    reply.put("viewKey", Hex.toHexString(key));
    return DexJson.write(reply);
  }

  /** Seals a snapshot for every account the accepted command touched that has a view key. */
  static void emitAfter(
      AppContext ctx, Outcome out, Engine engine, DexConfig config, EthAddress caller) {
    TreeSet<Long> touched = new TreeSet<>();
    long callerAccount = engine.accountOf(caller);
    if (callerAccount > 0) {
      touched.add(callerAccount);
    }
    for (DexEvent e : out.events()) {
      collect(e, touched);
    }
    AppState state = ctx.privateState();
    ArrayNode snapshots = null;
    for (long account : touched) {
      EthAddress owner = engine.addressOf(account);
      byte[] key = owner == null ? null : state.get(storageKey(owner));
      if (key == null) {
        continue;
      }
      if (snapshots == null) {
        snapshots = DexJson.object().arrayNode();
      }
      snapshots.add(snapshot(ctx, engine, config, owner, key));
    }
    if (snapshots != null) {
      ObjectNode event = DexJson.object();
      event.set("snapshots", snapshots);
      ctx.emit(EVENT, DexJson.write(event));
    }
  }

  private static void collect(DexEvent e, TreeSet<Long> into) {
    if (e instanceof DexEvent.Trade t) {
      into.add(t.makerAccount());
      into.add(t.takerAccount());
    } else if (e instanceof DexEvent.Deposited d) {
      into.add(d.account());
    } else if (e instanceof DexEvent.WithdrawalRequested w) {
      into.add(w.account());
    } else if (e instanceof DexEvent.OrderAccepted a) {
      into.add(a.account());
    } else if (e instanceof DexEvent.OrderCancelled c) {
      into.add(c.account());
    } else if (e instanceof DexEvent.OrderExpired x) {
      into.add(x.account());
    } else if (e instanceof DexEvent.OrderReplaced r) {
      into.add(r.account());
    }
  }

  private static ObjectNode snapshot(
      AppContext ctx, Engine engine, DexConfig config, EthAddress owner, byte[] key) {
    ObjectNode plain = Queries.balances(engine, config, owner);
    plain.put("height", ctx.blockHeight());
    plain.put("txId", ctx.txId());
    String lower = "0x" + Hex.toHexString(owner.bytes20());
    byte[] box =
        ctx.sealTo(key, INFO, lower.getBytes(StandardCharsets.US_ASCII), DexJson.write(plain));
    ObjectNode item = DexJson.object();
    item.put("owner", lower);
    item.put("box", Hex.toHexString(box));
    return item;
  }

  private static byte[] storageKey(EthAddress owner) {
    return (KEY_PREFIX + Hex.toHexString(owner.bytes20())).getBytes(StandardCharsets.US_ASCII);
  }
}
