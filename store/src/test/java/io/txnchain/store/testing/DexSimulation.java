package io.txnchain.store.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.dex.app.DexApp;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.store.projection.LedgerBlock;
import io.txnchain.store.projection.LedgerSource;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A real {@link DexApp} driven by a seeded stream of signed orders and cancels from a few traders,
 * several transactions per block, recording the ledger blocks a node would store. The events are
 * exactly what the engine emits; the engine's own {@code book} answer is the reference the store's
 * depth is compared with.
 */
public final class DexSimulation implements LedgerSource {
  public static final String CHAIN = "txnchain-store-test";
  public static final DexConfig CONFIG = DexConfig.devNetwork(CHAIN);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_MILLIS = 1_800_000_000_000L;

  private final DexApp app = new DexApp(CONFIG);
  private final MemState pub = new MemState();
  private final MemState priv = new MemState();
  private final List<Secp256k1KeyPair> traders = new ArrayList<>();
  private final List<LedgerBlock> blocks = new ArrayList<>();
  private final List<long[]> open = new ArrayList<>();
  private final Random random;
  private long nonce = 1;
  private long txCounter;
  private long timeMillis = START_MILLIS;

  public DexSimulation(long seed, int traderCount) {
    this.random = new Random(seed);
    for (int i = 0; i < traderCount; i++) {
      byte[] k = new byte[32];
      k[0] = 0x22;
      k[30] = (byte) (i >> 8);
      k[31] = (byte) (i + 1);
      traders.add(Secp256k1KeyPair.fromPrivateKey(k));
    }
    List<LedgerBlock.DexTx> funding = new ArrayList<>();
    for (Secp256k1KeyPair t : traders) {
      run(t, "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"100000000\"}", funding);
      run(t, "{\"op\":\"deposit\",\"token\":\"ETH\",\"amount\":\"100000\"}", funding);
      run(t, "{\"op\":\"deposit\",\"token\":\"BTC\",\"amount\":\"10000\"}", funding);
    }
    seal(funding);
  }

  public List<Secp256k1KeyPair> traders() {
    return traders;
  }

  /** Lower-case address of trader {@code i}. */
  public String owner(int i) {
    return traders.get(i).address().toChecksumHex().toLowerCase(Locale.ROOT);
  }

  /** Adds {@code count} blocks of 1..{@code maxTxs} random commands each. */
  public void addBlocks(int count, int maxTxs) {
    for (int b = 0; b < count; b++) {
      List<LedgerBlock.DexTx> txs = new ArrayList<>();
      int n = 1 + random.nextInt(maxTxs);
      for (int i = 0; i < n; i++) {
        randomCommand(txs);
      }
      seal(txs);
    }
  }

  /**
   * Adds a block of transactions built by the test rather than by the engine, for events the
   * simulation's traders do not cause (sealed balances snapshots).
   */
  public LedgerBlock addBlock(List<LedgerBlock.DexTx> txs) {
    seal(new ArrayList<>(txs));
    return blocks.get(blocks.size() - 1);
  }

  /** A transaction id no transaction of the simulation has. */
  public String newTxId() {
    txCounter++;
    return String.format("0x%064x", txCounter);
  }

  /**
   * Registers a view key for trader {@code t} ({@code setViewKey}) in a block of its own; from then
   * on the DEX seals the trader's balances to it in {@code balances} events. Returns the key.
   */
  public X25519KeyPair registerViewKey(int t) {
    X25519KeyPair key =
        X25519KeyPair.derive(Hashes.sha256(("view key " + t).getBytes(StandardCharsets.UTF_8)));
    List<LedgerBlock.DexTx> txs = new ArrayList<>();
    JsonNode out =
        run(
            traders.get(t),
            "{\"op\":\"setViewKey\",\"key\":\"" + HexFormat.of().formatHex(key.publicKey()) + "\"}",
            txs);
    if (out == null) {
      throw new IllegalStateException("the DEX refused the view key");
    }
    seal(txs);
    return key;
  }

  /** The engine's own answer to trader {@code t}'s sealed {@code balances} query. */
  public JsonNode engineBalances(int t) {
    Ctx ctx = new Ctx("0x00", traders.get(t).address().toChecksumHex(), blocks.size(), timeMillis);
    try {
      return JSON.readTree(
          app.execute(ctx, "{\"op\":\"balances\"}".getBytes(StandardCharsets.UTF_8)));
    } catch (AppRejectedException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds a block without any DEX transaction. */
  public void addEmptyBlock() {
    seal(new ArrayList<>());
  }

  private void randomCommand(List<LedgerBlock.DexTx> txs) {
    int t = random.nextInt(traders.size());
    int roll = random.nextInt(100);
    if (roll < 15 && !open.isEmpty()) {
      long[] o = open.remove(random.nextInt(open.size()));
      // Cancels of filled orders are refused by the engine and leave nothing on the ledger.
      run(traders.get((int) o[1]), "{\"op\":\"cancel\",\"id\":" + o[0] + "}", txs);
      return;
    }
    boolean eth = random.nextInt(4) != 0;
    String market = eth ? "ETH-USDC" : "BTC-USDC";
    long mid = eth ? 2_000_000_000L : 60_000_000_000L;
    long tick = eth ? 10_000L : 100_000L;
    long lot = eth ? 100_000L : 10_000L;
    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
    long price = mid + (random.nextInt(41) - 20) * tick;
    long qty = (1 + random.nextInt(500)) * lot * (eth ? 10 : 100);
    OrderType type = OrderType.LIMIT;
    TimeInForce tif = roll < 25 ? TimeInForce.IOC : TimeInForce.GTC;
    if (roll >= 25 && roll < 30) {
      type = OrderType.MARKET;
      price = 0;
      tif = TimeInForce.IOC;
    }
    SelfTradePrevention stp = SelfTradePrevention.values()[random.nextInt(3)];
    JsonNode out = order(t, market, side, type, price, qty, tif, stp, txs);
    if (out != null && out.path("resting").asText("0").compareTo("0") != 0) {
      open.add(new long[] {out.path("orderId").asLong(), t});
    }
  }

  /**
   * Places one order of trader {@code t} in a block of its own; returns the engine's result, or
   * null when the engine refused it.
   */
  public JsonNode place(int t, String market, Side side, long price, long qty, TimeInForce tif) {
    List<LedgerBlock.DexTx> txs = new ArrayList<>();
    OrderType type = price == 0 ? OrderType.MARKET : OrderType.LIMIT;
    JsonNode out =
        order(t, market, side, type, price, qty, tif, SelfTradePrevention.EXPIRE_TAKER, txs);
    seal(txs);
    return out;
  }

  /** Cancels an order of trader {@code t} in a block of its own; false when refused. */
  public boolean cancel(int t, long orderId) {
    List<LedgerBlock.DexTx> txs = new ArrayList<>();
    JsonNode out = run(traders.get(t), "{\"op\":\"cancel\",\"id\":" + orderId + "}", txs);
    seal(txs);
    return out != null;
  }

  private JsonNode order(
      int t,
      String market,
      Side side,
      OrderType type,
      long price,
      long qty,
      TimeInForce tif,
      SelfTradePrevention stp,
      List<LedgerBlock.DexTx> txs) {
    Secp256k1KeyPair who = traders.get(t);
    Order order =
        new Order(
            who.address(),
            market,
            side,
            type,
            price,
            qty,
            tif,
            false,
            stp,
            new EthAddress(new byte[20]),
            new EthAddress(new byte[20]),
            nonce++,
            0,
            "c" + nonce);
    ObjectNode n = JSON.createObjectNode();
    n.put("op", "order");
    n.set("order", OrderJson.message(order));
    n.put(
        "signature",
        OrderJson.signature(who.sign(OrderEncoder.digest(CONFIG.domain(), order)).toBytes65()));
    return run(who, n.toString(), txs);
  }

  private JsonNode run(Secp256k1KeyPair who, String input, List<LedgerBlock.DexTx> txs) {
    txCounter++;
    String txId = String.format("0x%064x", txCounter);
    Ctx ctx = new Ctx(txId, who.address().toChecksumHex(), blocks.size() + 1L, timeMillis);
    TreeMap<byte[], byte[]> pubBefore = pub.copy();
    TreeMap<byte[], byte[]> privBefore = priv.copy();
    try {
      byte[] out = app.execute(ctx, input.getBytes(StandardCharsets.UTF_8));
      if (!ctx.events.isEmpty()) {
        txs.add(
            new LedgerBlock.DexTx(
                txId, who.address().toChecksumHex().toLowerCase(Locale.ROOT), ctx.events));
      }
      return JSON.readTree(out);
    } catch (AppRejectedException e) {
      pub.map = pubBefore;
      priv.map = privBefore;
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void seal(List<LedgerBlock.DexTx> txs) {
    blocks.add(new LedgerBlock(blocks.size() + 1L, timeMillis, txs));
    timeMillis += 1_000 + random.nextInt(40_000);
  }

  /** The engine's own book: {@code [bids, asks]}, each a list of {@code [price, quantity]}. */
  public JsonNode engineBook(String market) {
    Ctx ctx = new Ctx("0x00", traders.get(0).address().toChecksumHex(), blocks.size(), timeMillis);
    try {
      byte[] out =
          app.execute(
              ctx,
              ("{\"op\":\"book\",\"market\":\"" + market + "\",\"depth\":1000}")
                  .getBytes(StandardCharsets.UTF_8));
      return JSON.readTree(out);
    } catch (AppRejectedException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The engine's current stream sequence of {@code market}. */
  public long engineSequence(String market) {
    return engineBook(market).path("sequence").asLong();
  }

  public List<LedgerBlock> blocks() {
    return blocks;
  }

  @Override
  public long head() {
    return blocks.size();
  }

  @Override
  public LedgerBlock block(long height) {
    return blocks.get((int) height - 1);
  }

  private final class Ctx implements AppContext {
    final String txId;
    final String caller;
    final long height;
    final long time;
    final List<LedgerBlock.Event> events = new ArrayList<>();

    Ctx(String txId, String caller, long height, long time) {
      this.txId = txId;
      this.caller = caller;
      this.height = height;
      this.time = time;
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
      return true;
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
      events.add(new LedgerBlock.Event(type, new String(data, StandardCharsets.UTF_8)));
    }

    @Override
    public byte[] sealTo(byte[] recipientKey, byte[] info, byte[] aad, byte[] plaintext) {
      // Deterministic like the ledger's; there is no network secret here, and none is needed.
      return SealedBox.sealDeterministic(
          recipientKey,
          info,
          aad,
          plaintext,
          Hashes.sha256(txId.getBytes(StandardCharsets.UTF_8), recipientKey, aad, plaintext));
    }
  }

  private static final class MemState implements AppState {
    TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

    TreeMap<byte[], byte[]> copy() {
      TreeMap<byte[], byte[]> c = new TreeMap<>(Arrays::compareUnsigned);
      map.forEach((k, v) -> c.put(k.clone(), v.clone()));
      return c;
    }

    @Override
    public byte[] get(byte[] key) {
      byte[] v = map.get(key);
      return v == null ? null : v.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
      map.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
      map.remove(key);
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, int limit) {
      List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
      for (Map.Entry<byte[], byte[]> e : map.tailMap(prefix, true).entrySet()) {
        byte[] k = e.getKey();
        if (out.size() >= limit
            || k.length < prefix.length
            || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
          break;
        }
        out.add(new AbstractMap.SimpleImmutableEntry<>(k.clone(), e.getValue().clone()));
      }
      return out;
    }
  }
}
