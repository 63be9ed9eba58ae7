package io.txnchain.client.cli;

import io.txnchain.client.cli.bench.BatchBuilder;
import io.txnchain.client.cli.bench.SignedLoad;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.crypto.EthAddress;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The orders of a {@code bench dex} run, built before any clock starts: {@code count} GTC limit
 * orders, alternately buy and sell, each signed (EIP-712) by its trader, wrapped in a {@code dex}
 * work order exactly as {@code dex order} sends it ({@link DexOrderRequest#signed}, {@link
 * DexSession#workOrder}), sealed when a sealer is given, and encoded {@code batch} to a {@code
 * txn_process} JSON-RPC body.
 *
 * <p>Order {@code i} belongs to trader {@code i % traders} and is a buy when {@code i} is even; its
 * price is the mid price plus a whole number of quote tokens in {@code [-spread, spread]} and its
 * quantity a multiple of 0.01 base tokens in {@code [0.01, 0.05]}, so about half the orders cross
 * the book, every price is on any tick up to 1 and every quantity on any lot up to 0.01. Client
 * order ids, work-order client ids and nonces derive from a random per-run prefix and {@code i}.
 */
final class DexOrderStream {
  /** The most base tokens (in hundredths) one order asks for. */
  static final int MAX_HUNDREDTHS = 5;

  /** What shapes the stream. */
  record Spec(
      String chainId,
      Eip712Domain domain,
      DexMarkets.Market market,
      byte[] appMeasurement,
      List<UserKey> traders,
      int count,
      int batch,
      long midPrice,
      int spread) {}

  private final String runPrefix;
  private final List<byte[]> bodies;
  private final int[] batchSizes;
  private final int[] traderOf;
  private final Duration buildTime;
  private final int threads;

  private DexOrderStream(
      String runPrefix,
      List<byte[]> bodies,
      int[] batchSizes,
      int[] traderOf,
      Duration buildTime,
      int threads) {
    this.runPrefix = runPrefix;
    this.bodies = bodies;
    this.batchSizes = batchSizes;
    this.traderOf = traderOf;
    this.buildTime = buildTime;
    this.threads = threads;
  }

  /**
   * Builds the stream on {@code threads} threads.
   *
   * @param sealer seals each work order's input; null for plaintext work orders
   * @param built counts built orders, for progress display
   */
  static DexOrderStream build(
      Spec spec,
      SignedLoad.PayloadSealer sealer,
      SecureRandom random,
      int threads,
      AtomicInteger built)
      throws InterruptedException {
    byte[] prefixBytes = new byte[6];
    random.nextBytes(prefixBytes);
    String prefix = "bd-" + HexFormat.of().formatHex(prefixBytes);
    // Nonces only need to be unused by the trader; a random 40-bit base keeps runs apart.
    long nonceBase = (random.nextLong() & 0xFF_FFFF_FFFFL) << 20;
    long[] priceSteps = new long[spec.count()];
    int[] hundredths = new int[spec.count()];
    for (int i = 0; i < spec.count(); i++) {
      priceSteps[i] = random.nextInt(2 * spec.spread() + 1) - spec.spread();
      hundredths[i] = 1 + random.nextInt(MAX_HUNDREDTHS);
    }
    long priceUnit = pow10(spec.market().priceDecimals());
    long qtyUnit = pow10(spec.market().quantityDecimals() - 2);
    int[] traderOf = new int[spec.count()];
    long start = System.nanoTime();
    BatchBuilder.Built batches =
        BatchBuilder.build(
            spec.count(),
            spec.batch(),
            threads,
            "building orders",
            (i, body) -> {
              int trader = i % spec.traders().size();
              traderOf[i] = trader;
              UserKey user = spec.traders().get(trader);
              Order order =
                  order(
                      spec.market(),
                      user.address(),
                      i % 2 == 0 ? Side.BUY : Side.SELL,
                      (spec.midPrice() + priceSteps[i]) * priceUnit,
                      hundredths[i] * qtyUnit,
                      nonceBase + i,
                      prefix + "-" + i);
              byte[] input =
                  DexOrderRequest.signed(order, spec.domain(), user.keyPair())
                      .toString()
                      .getBytes(StandardCharsets.UTF_8);
              Transaction tx =
                  DexSession.workOrder(
                      spec.chainId(),
                      spec.appMeasurement(),
                      user,
                      prefix + "-w-" + i,
                      input,
                      sealer);
              body.addProcess(i, tx.encoded());
              built.incrementAndGet();
            });
    return new DexOrderStream(
        prefix,
        batches.bodies(),
        batches.sizes(),
        traderOf,
        Duration.ofNanos(System.nanoTime() - start),
        threads);
  }

  /** A GTC limit order with no expiry and the defaults {@code dex order} uses. */
  static Order order(
      DexMarkets.Market market,
      EthAddress trader,
      Side side,
      long price,
      long quantity,
      long nonce,
      String clientOrderId) {
    EthAddress none = new EthAddress(new byte[EthAddress.LENGTH]);
    return new Order(
        trader,
        market.symbol(),
        side,
        OrderType.LIMIT,
        price,
        quantity,
        TimeInForce.GTC,
        false,
        SelfTradePrevention.EXPIRE_TAKER,
        none,
        none,
        nonce,
        0,
        clientOrderId);
  }

  private static long pow10(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("the market has fewer than 2 quantity decimals");
    }
    long v = 1;
    for (int i = 0; i < n; i++) {
      v = Math.multiplyExact(v, 10);
    }
    return v;
  }

  String runPrefix() {
    return runPrefix;
  }

  /** One encoded {@code txn_process} batch per element; call ids are the order indices. */
  List<byte[]> bodies() {
    return bodies;
  }

  int[] batchSizes() {
    return batchSizes.clone();
  }

  /** The index (into the spec's traders) of order {@code i}'s trader. */
  int traderOf(int i) {
    return traderOf[i];
  }

  Duration buildTime() {
    return buildTime;
  }

  int threads() {
    return threads;
  }
}
