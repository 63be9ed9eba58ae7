package io.txnchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.dex.market.FixedPoint;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Depth;
import io.txnchain.store.model.Interval;
import io.txnchain.store.model.Level;
import io.txnchain.store.model.OrderState;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.model.Trade;
import io.txnchain.store.projection.LedgerBlock;
import io.txnchain.store.projection.Projection;
import io.txnchain.store.projection.ProjectionGapException;
import io.txnchain.store.testing.DexSimulation;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link OrderBookStore} must have, written once and run against each
 * implementation: a subclass says how to open a fresh store and how to reopen the same one, as a
 * restarted node would.
 */
public abstract class OrderBookStoreContract {
  private static final List<String> MARKETS = List.of("ETH-USDC", "BTC-USDC");
  private final List<OrderBookStore> opened = new ArrayList<>();

  /** A new, empty store. */
  protected abstract OrderBookStore newStore();

  /** Closes {@code store} and opens the same data again, as after a restart. */
  protected abstract OrderBookStore reopen(OrderBookStore store);

  protected OrderBookStore track(OrderBookStore s) {
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() {
    for (OrderBookStore s : opened) {
      try {
        s.close();
      } catch (RuntimeException e) {
        // already closed by the test
      }
    }
  }

  private static Projection projection(OrderBookStore store, DexSimulation sim) {
    return new Projection(store, sim, DexSimulation.CONFIG.markets());
  }

  @Test
  void emptyStoreHasNothing() {
    OrderBookStore s = track(newStore());
    assertThat(s.appliedHeight()).isZero();
    assertThat(s.depth("ETH-USDC", 10).bids()).isEmpty();
    assertThat(s.trades("ETH-USDC", 10)).isEmpty();
    assertThat(s.order(65537)).isEmpty();
    assertThat(s.market("ETH-USDC")).isEmpty();
  }

  @Test
  void projectedBookEqualsTheEnginesBook() {
    DexSimulation sim = new DexSimulation(7, 6);
    sim.addBlocks(120, 4);
    OrderBookStore s = track(newStore());
    long applied = projection(s, sim).catchUp();
    assertThat(applied).isEqualTo(sim.head());
    assertThat(s.appliedHeight()).isEqualTo(sim.head());
    for (String m : MARKETS) {
      assertBookEqualsEngine(s, sim, m);
    }
    assertThat(s.trades("ETH-USDC", 1000)).isNotEmpty();
  }

  @Test
  void orderLifecycleFromPublicEvents() {
    DexSimulation sim = new DexSimulation(1, 3);
    JsonNode rest =
        sim.place(0, "ETH-USDC", Side.BUY, 2_000_000_000L, 200_000_000L, TimeInForce.GTC);
    long buyId = rest.path("orderId").asLong();
    JsonNode part =
        sim.place(1, "ETH-USDC", Side.SELL, 2_000_000_000L, 50_000_000L, TimeInForce.GTC);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    p.catchUp();
    OrderState buy = s.order(buyId).orElseThrow();
    assertThat(buy.owner()).isEqualTo(sim.owner(0));
    assertThat(buy.side()).isEqualTo("buy");
    assertThat(buy.price()).isEqualTo(2_000_000_000L);
    assertThat(buy.restingQuantity()).isEqualTo(200_000_000L);
    assertThat(buy.executedQuantity()).isEqualTo(50_000_000L);
    assertThat(buy.executedQuote()).isEqualTo(1_000_000_000L);
    assertThat(buy.remaining()).isEqualTo(150_000_000L);
    assertThat(buy.status()).isEqualTo("partially_filled");
    OrderState sell = s.order(part.path("orderId").asLong()).orElseThrow();
    assertThat(sell.status()).isEqualTo("filled");
    assertThat(sell.side()).isEqualTo("sell");
    assertThat(sell.owner()).isEqualTo(sim.owner(1));

    sim.place(2, "ETH-USDC", Side.SELL, 1_990_000_000L, 150_000_000L, TimeInForce.IOC);
    JsonNode other =
        sim.place(1, "ETH-USDC", Side.SELL, 2_010_000_000L, 30_000_000L, TimeInForce.GTC);
    assertThat(sim.cancel(1, other.path("orderId").asLong())).isTrue();
    p.catchUp();
    buy = s.order(buyId).orElseThrow();
    assertThat(buy.status()).isEqualTo("filled");
    assertThat(buy.remaining()).isZero();
    assertThat(buy.executedQuantity()).isEqualTo(200_000_000L);
    assertThat(s.order(other.path("orderId").asLong()).orElseThrow().status())
        .isEqualTo("cancelled");
    assertThat(s.ordersOf(sim.owner(0), null, true, 10)).isEmpty();
    assertThat(s.ordersOf(sim.owner(0), null, false, 10))
        .extracting(OrderState::orderId)
        .containsExactly(buyId);
    assertThat(s.ordersOf(sim.owner(1), "ETH-USDC", false, 10)).hasSize(2);
    assertThat(s.ordersOf(sim.owner(1), "BTC-USDC", false, 10)).isEmpty();

    List<Trade> mine = s.tradesOf(sim.owner(0), null, 10);
    assertThat(mine).hasSize(2);
    assertThat(mine.get(0).height()).isGreaterThan(mine.get(1).height());
    assertThat(mine).allSatisfy(t -> assertThat(t.makerOwner()).isEqualTo(sim.owner(0)));
    assertThat(s.tradesOf(sim.owner(2), null, 10))
        .singleElement()
        .satisfies(t -> assertThat(t.takerOwner()).isEqualTo(sim.owner(2)));
    assertThat(s.tradesOf(sim.owner(2), "BTC-USDC", 10)).isEmpty();
    assertThat(s.depth("ETH-USDC", 10).bids()).isEmpty();
    assertBookEqualsEngine(s, sim, "ETH-USDC");
  }

  @Test
  void candlesAddUpToTheTrades() {
    DexSimulation sim = new DexSimulation(3, 5);
    sim.addBlocks(150, 3);
    OrderBookStore s = track(newStore());
    projection(s, sim).catchUp();
    List<Trade> trades = s.trades("ETH-USDC", 100_000);
    long volume = trades.stream().mapToLong(Trade::quantity).sum();
    for (Interval iv : Interval.values()) {
      List<Candle> cs = s.candles("ETH-USDC", iv, 0, Long.MAX_VALUE, 100_000);
      assertThat(cs.stream().mapToLong(Candle::volume).sum()).as(iv.code()).isEqualTo(volume);
      assertThat(cs.stream().mapToLong(Candle::trades).sum()).isEqualTo(trades.size());
      for (Candle c : cs) {
        assertThat(c.openTime() % iv.millis()).isZero();
        assertThat(c.low()).isLessThanOrEqualTo(Math.min(c.open(), c.close()));
        assertThat(c.high()).isGreaterThanOrEqualTo(Math.max(c.open(), c.close()));
      }
    }
    List<Candle> minutes = s.candles("ETH-USDC", Interval.M1, 0, Long.MAX_VALUE, 100_000);
    assertThat(minutes).isSortedAccordingTo((a, b) -> Long.compare(a.openTime(), b.openTime()));
    Candle first = minutes.get(0);
    assertThat(s.candles("ETH-USDC", Interval.M1, first.openTime(), first.openTime(), 10))
        .containsExactly(first);
    assertThat(s.candles("ETH-USDC", Interval.M1, 0, Long.MAX_VALUE, 2)).hasSize(2);
    assertThat(s.candle("ETH-USDC", Interval.M1, first.openTime())).contains(first);
  }

  @Test
  void applyingABlockTwiceChangesNothing() {
    DexSimulation sim = new DexSimulation(11, 4);
    sim.addBlocks(30, 3);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    p.catchUp();
    String before = snapshot(s, sim);
    for (long h = 1; h <= sim.head(); h++) {
      p.offer(sim.block(h));
      assertThat(s.apply(BlockUpdate.empty(h, 0))).isFalse();
    }
    assertThat(snapshot(s, sim)).isEqualTo(before);
  }

  @Test
  void aBatchSkipsWhatTheStoreHasAndAppliesTheRest() {
    DexSimulation sim = new DexSimulation(12, 4);
    sim.addBlocks(20, 3);
    List<BlockUpdate> updates = new ArrayList<>();
    Projection reference =
        new Projection(
            io.txnchain.store.embedded.EmbeddedStore.inMemory(),
            sim,
            DexSimulation.CONFIG.markets());
    reference.addListener(updates::add);
    reference.catchUp();
    OrderBookStore s = track(newStore());
    assertThat(s.applyAll(updates.subList(0, 8))).isEqualTo(8);
    assertThat(s.applyAll(updates.subList(4, 15))).isEqualTo(7);
    assertThat(s.appliedHeight()).isEqualTo(15);
    assertThat(s.applyAll(updates.subList(15, updates.size()))).isEqualTo(updates.size() - 15);
    assertThat(snapshot(s, sim)).isEqualTo(snapshot(reference.store(), sim));
  }

  @Test
  void aBlockAheadOfTheCursorIsRefused() {
    OrderBookStore s = track(newStore());
    assertThatThrownBy(() -> s.apply(BlockUpdate.empty(2, 0)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not follow");
    assertThat(s.appliedHeight()).isZero();
  }

  @Test
  void pushedBlocksWithGapsAndRepeatsEqualARebuild() {
    DexSimulation sim = new DexSimulation(21, 6);
    sim.addBlocks(100, 4);
    OrderBookStore pushed = track(newStore());
    Projection p = projection(pushed, sim);
    Random r = new Random(5);
    long h = 1;
    while (h <= sim.head()) {
      p.offer(sim.block(h));
      if (r.nextInt(4) == 0 && h > 3) {
        p.offer(sim.block(h - 1 - r.nextInt(3)));
      }
      h += 1 + r.nextInt(4);
    }
    p.catchUp();
    OrderBookStore rebuilt = track(newStore());
    sim.addEmptyBlock();
    List<Long> progress = new ArrayList<>();
    long n = projection(rebuilt, sim).rebuild(progress::add);
    p.catchUp();
    assertThat(n).isEqualTo(sim.head());
    assertThat(progress).isNotEmpty().isSorted().endsWith(sim.head());
    assertThat(snapshot(pushed, sim)).isEqualTo(snapshot(rebuilt, sim));
    for (String m : MARKETS) {
      assertBookEqualsEngine(pushed, sim, m);
    }
  }

  @Test
  void rebuildOverAnUsedStoreStartsFromScratch() {
    DexSimulation sim = new DexSimulation(8, 4);
    sim.addBlocks(40, 3);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    p.catchUp();
    String incremental = snapshot(s, sim);
    assertThat(p.rebuild(h -> {})).isEqualTo(sim.head());
    assertThat(snapshot(s, sim)).isEqualTo(incremental);
  }

  @Test
  void restartResumesFromTheCursorWithoutDuplicatesOrGaps() {
    DexSimulation sim = new DexSimulation(13, 5);
    sim.addBlocks(90, 4);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    for (long h = 1; h <= 45; h++) {
      p.offer(sim.block(h));
    }
    s = track(reopen(s));
    assertThat(s.appliedHeight()).isEqualTo(45);
    Projection again = projection(s, sim);
    again.offer(sim.block(30));
    again.offer(sim.block(60));
    again.catchUp();
    OrderBookStore straight = track(newStore());
    projection(straight, sim).catchUp();
    assertThat(snapshot(s, sim)).isEqualTo(snapshot(straight, sim));
    int trades = 0;
    for (String m : MARKETS) {
      List<Trade> all = s.trades(m, 1_000_000);
      trades += all.size();
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).sequence())
            .isGreaterThan(i + 1 < all.size() ? all.get(i + 1).sequence() : 0);
      }
      assertBookEqualsEngine(s, sim, m);
    }
    assertThat(trades).isPositive();
  }

  @Test
  void aStreamThatSkipsASequenceIsAGap() {
    DexSimulation sim = new DexSimulation(2, 3);
    sim.place(0, "ETH-USDC", Side.BUY, 2_000_000_000L, 100_000_000L, TimeInForce.GTC);
    sim.place(1, "ETH-USDC", Side.BUY, 1_990_000_000L, 100_000_000L, TimeInForce.GTC);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    p.offer(sim.block(1));
    p.offer(sim.block(2));
    // Block 3 as if a block with one stream event had been lost before it.
    LedgerBlock third = sim.block(3);
    LedgerBlock.DexTx tx = third.txs().get(0);
    List<LedgerBlock.Event> events = new ArrayList<>();
    for (LedgerBlock.Event e : tx.events()) {
      events.add(
          e.type().equals("stream")
              ? new LedgerBlock.Event(
                  "stream", e.json().replace("\"sequence\":2", "\"sequence\":3"))
              : e);
    }
    LedgerBlock tampered =
        new LedgerBlock(
            3, third.timeMillis(), List.of(new LedgerBlock.DexTx(tx.txId(), tx.sender(), events)));
    assertThatThrownBy(() -> p.offer(tampered))
        .isInstanceOf(ProjectionGapException.class)
        .hasMessageContaining("sequence 3 where 2 was expected");
    assertThat(s.appliedHeight()).isEqualTo(2);
    p.catchUp();
    assertThat(s.appliedHeight()).isEqualTo(3);
    assertBookEqualsEngine(s, sim, "ETH-USDC");
  }

  // ---- sealed balances snapshots

  /** A transaction of trader {@code sender} whose only event is a {@code balances} event. */
  private static LedgerBlock.DexTx balancesTx(
      DexSimulation sim, int sender, String owner, String boxHex) {
    return rawBalancesTx(sim, sender, "{\"owner\":\"" + owner + "\",\"box\":\"" + boxHex + "\"}");
  }

  private static LedgerBlock.DexTx rawBalancesTx(DexSimulation sim, int sender, String json) {
    return new LedgerBlock.DexTx(
        sim.newTxId(), sim.owner(sender), List.of(new LedgerBlock.Event("balances", json)));
  }

  /** {@code length} bytes that differ from those of another {@code seed}. */
  private static byte[] box(int seed, int length) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static void assertSnapshot(
      OrderBookStore s, String owner, LedgerBlock block, String txId, byte[] box) {
    SealedBalances got = s.sealedBalances(owner).orElseThrow();
    assertThat(got.box()).as("box of " + owner).containsExactly(box);
    assertThat(got)
        .isEqualTo(new SealedBalances(owner, block.height(), block.timeMillis(), txId, box));
  }

  @Test
  void aBalancesEventIsKeptAsItsOwnersSealedSnapshot() {
    DexSimulation sim = new DexSimulation(31, 3);
    sim.addBlocks(3, 2);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    List<BlockUpdate> updates = new ArrayList<>();
    p.addListener(updates::add);
    p.catchUp();
    assertThat(s.sealedBalances(sim.owner(0))).isEmpty();
    byte[] box = box(1, 300);
    LedgerBlock.DexTx tx = balancesTx(sim, 1, sim.owner(0), hex(box));
    LedgerBlock block = sim.addBlock(List.of(tx));
    p.catchUp();
    assertSnapshot(s, sim.owner(0), block, tx.txId(), box);
    assertThat(s.sealedBalances(sim.owner(1))).isEmpty();
    assertThat(updates.get(updates.size() - 1).balances())
        .singleElement()
        .satisfies(b -> assertThat(b.box()).containsExactly(box));
  }

  @Test
  void aLaterSnapshotReplacesTheOwnersAndLeavesOtherOwnersAlone() {
    DexSimulation sim = new DexSimulation(32, 3);
    byte[] first = box(1, 64);
    byte[] bobs = box(2, 64);
    byte[] second = box(3, 80);
    LedgerBlock.DexTx t1 = balancesTx(sim, 0, sim.owner(0), hex(first));
    LedgerBlock.DexTx t2 = balancesTx(sim, 1, sim.owner(1), hex(bobs));
    LedgerBlock b1 = sim.addBlock(List.of(t1, t2));
    sim.addBlocks(5, 3);
    LedgerBlock.DexTx t3 = balancesTx(sim, 2, sim.owner(0), hex(second));
    LedgerBlock b2 = sim.addBlock(List.of(t3));
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    p.offer(b1);
    assertSnapshot(s, sim.owner(0), b1, t1.txId(), first);
    p.catchUp();
    assertSnapshot(s, sim.owner(0), b2, t3.txId(), second);
    assertSnapshot(s, sim.owner(1), b1, t2.txId(), bobs);
    assertThat(s.sealedBalances(sim.owner(2))).isEmpty();
    for (String m : MARKETS) {
      assertBookEqualsEngine(s, sim, m);
    }
  }

  @Test
  void twoSnapshotsOfOneOwnerInOneBlockKeepTheLast() {
    DexSimulation sim = new DexSimulation(33, 3);
    byte[] first = box(1, 32);
    byte[] other = box(2, 32);
    byte[] last = box(3, 48);
    LedgerBlock.DexTx t1 = balancesTx(sim, 0, sim.owner(0), hex(first));
    LedgerBlock.DexTx t2 = balancesTx(sim, 1, sim.owner(1), hex(other));
    // The same owner, written with upper-case hex digits: it is still the same account.
    String mixed = "0x" + sim.owner(0).substring(2).toUpperCase(java.util.Locale.ROOT);
    LedgerBlock.DexTx t3 = balancesTx(sim, 2, mixed, hex(last).toUpperCase(java.util.Locale.ROOT));
    LedgerBlock block = sim.addBlock(List.of(t1, t2, t3));
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    List<BlockUpdate> updates = new ArrayList<>();
    p.addListener(updates::add);
    p.catchUp();
    assertSnapshot(s, sim.owner(0), block, t3.txId(), last);
    assertSnapshot(s, sim.owner(1), block, t2.txId(), other);
    assertThat(updates.get(updates.size() - 1).balances())
        .extracting(SealedBalances::owner)
        .containsExactlyInAnyOrder(sim.owner(0), sim.owner(1));
    assertThat(s.sealedBalances(mixed)).isEmpty();
  }

  @Test
  void reapplyingBlocksWithSnapshotsChangesNothing() {
    DexSimulation sim = new DexSimulation(34, 3);
    LedgerBlock.DexTx old = balancesTx(sim, 0, sim.owner(0), hex(box(1, 40)));
    sim.addBlock(List.of(old));
    sim.addBlocks(4, 3);
    byte[] box = box(2, 40);
    LedgerBlock.DexTx now = balancesTx(sim, 0, sim.owner(0), hex(box));
    LedgerBlock block = sim.addBlock(List.of(now));
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    List<BlockUpdate> updates = new ArrayList<>();
    p.addListener(updates::add);
    p.catchUp();
    String before = snapshot(s, sim);
    for (long h = 1; h <= sim.head(); h++) {
      p.offer(sim.block(h));
    }
    for (BlockUpdate u : updates) {
      assertThat(s.apply(u)).isFalse();
    }
    assertThat(s.applyAll(updates)).isZero();
    assertThat(snapshot(s, sim)).isEqualTo(before);
    assertSnapshot(s, sim.owner(0), block, now.txId(), box);
  }

  @Test
  void clearRemovesTheSnapshotsAndARebuildBringsThemBack() {
    DexSimulation sim = new DexSimulation(35, 3);
    sim.addBlocks(3, 2);
    byte[] a = box(1, 100);
    byte[] b = box(2, 100);
    LedgerBlock.DexTx ta = balancesTx(sim, 0, sim.owner(0), hex(a));
    LedgerBlock.DexTx tb = balancesTx(sim, 1, sim.owner(1), hex(b));
    LedgerBlock block = sim.addBlock(List.of(ta, tb));
    sim.addBlocks(3, 2);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    p.catchUp();
    String incremental = snapshot(s, sim);
    s.clear();
    assertThat(s.sealedBalances(sim.owner(0))).isEmpty();
    assertThat(s.sealedBalances(sim.owner(1))).isEmpty();
    assertThat(p.rebuild(h -> {})).isEqualTo(sim.head());
    assertThat(snapshot(s, sim)).isEqualTo(incremental);
    assertSnapshot(s, sim.owner(0), block, ta.txId(), a);
    assertSnapshot(s, sim.owner(1), block, tb.txId(), b);
  }

  @Test
  void snapshotsSurviveARestart() {
    DexSimulation sim = new DexSimulation(36, 3);
    byte[] a = box(1, 4096);
    LedgerBlock.DexTx ta = balancesTx(sim, 0, sim.owner(0), hex(a));
    LedgerBlock first = sim.addBlock(List.of(ta));
    sim.addBlocks(4, 3);
    byte[] b = box(2, 1);
    LedgerBlock.DexTx tb = balancesTx(sim, 1, sim.owner(1), hex(b));
    LedgerBlock second = sim.addBlock(List.of(tb));
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    for (long h = 1; h < second.height(); h++) {
      p.offer(sim.block(h));
    }
    s = track(reopen(s));
    assertSnapshot(s, sim.owner(0), first, ta.txId(), a);
    assertThat(s.sealedBalances(sim.owner(1))).isEmpty();
    projection(s, sim).catchUp();
    s = track(reopen(s));
    assertSnapshot(s, sim.owner(0), first, ta.txId(), a);
    assertSnapshot(s, sim.owner(1), second, tb.txId(), b);
    OrderBookStore straight = track(newStore());
    projection(straight, sim).catchUp();
    assertThat(snapshot(s, sim)).isEqualTo(snapshot(straight, sim));
  }

  @Test
  void theDexsSnapshotsOpenWithTheOwnersViewKeyToItsLatestBalances() throws Exception {
    DexSimulation sim = new DexSimulation(38, 3);
    X25519KeyPair alice = sim.registerViewKey(0);
    X25519KeyPair bob = sim.registerViewKey(1);
    sim.addBlocks(40, 3);
    OrderBookStore s = track(newStore());
    projection(s, sim).catchUp();
    ObjectMapper json = new ObjectMapper();
    int shared = 0;
    for (long h = 1; h <= sim.head(); h++) {
      for (LedgerBlock.DexTx tx : sim.block(h).txs()) {
        for (LedgerBlock.Event e : tx.events()) {
          if (e.type().equals("balances")
              && json.readTree(e.json()).path("snapshots").size() == 2) {
            shared++;
          }
        }
      }
    }
    // Trades between the two owners put both snapshots in one event.
    assertThat(shared).isPositive();
    for (int t = 0; t < 2; t++) {
      String owner = sim.owner(t);
      SealedBalances got = s.sealedBalances(owner).orElseThrow();
      JsonNode opened =
          json.readTree(
              SealedBox.open(
                  t == 0 ? alice : bob,
                  "txnchain/dex/balances/v1".getBytes(StandardCharsets.US_ASCII),
                  owner.getBytes(StandardCharsets.US_ASCII),
                  got.box()));
      assertThat(opened.path("height").asLong()).isEqualTo(got.height());
      assertThat(opened.path("txId").asText()).isEqualTo(got.txId());
      assertThat(opened.path("balances")).isEqualTo(sim.engineBalances(t).path("balances"));
      assertThat(got.txId()).isEqualTo(lastSnapshotTx(sim, owner));
    }
    assertThat(s.sealedBalances(sim.owner(2))).isEmpty();
  }

  /** The last transaction on the ledger whose balances event names {@code owner}. */
  private static String lastSnapshotTx(DexSimulation sim, String owner) {
    String last = null;
    for (long h = 1; h <= sim.head(); h++) {
      for (LedgerBlock.DexTx tx : sim.block(h).txs()) {
        for (LedgerBlock.Event e : tx.events()) {
          if (e.type().equals("balances") && e.json().contains("\"owner\":\"" + owner + "\"")) {
            last = tx.txId();
          }
        }
      }
    }
    return last;
  }

  @Test
  void anInvalidBalancesEventStopsTheProjectionAndIsNotKept() {
    DexSimulation sim = new DexSimulation(37, 3);
    sim.addBlocks(3, 2);
    OrderBookStore s = track(newStore());
    Projection p = projection(s, sim);
    p.catchUp();
    long height = s.appliedHeight();
    String owner = sim.owner(0);
    String tooLong = hex(box(1, 4097));
    List<String> invalid =
        List.of(
            "{\"owner\":\"0x1234\",\"box\":\"00ff\"}",
            "{\"owner\":\"0x" + "g".repeat(40) + "\",\"box\":\"00ff\"}",
            "{\"owner\":\"" + owner.substring(2) + "00\",\"box\":\"00ff\"}",
            "{\"owner\":42,\"box\":\"00ff\"}",
            "{\"box\":\"00ff\"}",
            "{\"owner\":\"" + owner + "\",\"box\":\"00f\"}",
            "{\"owner\":\"" + owner + "\",\"box\":\"\"}",
            "{\"owner\":\"" + owner + "\",\"box\":\"zz\"}",
            "{\"owner\":\"" + owner + "\",\"box\":\"\u0663\u0663\"}",
            "{\"owner\":\"" + owner + "\",\"box\":1234}",
            "{\"owner\":\"" + owner + "\"}",
            "{\"owner\":\"" + owner + "\",\"box\":\"" + tooLong + "\"}",
            "{\"snapshots\":{\"owner\":\"" + owner + "\",\"box\":\"00ff\"}}",
            "{\"snapshots\":[{\"owner\":\""
                + sim.owner(1)
                + "\",\"box\":\"00ff\"},{\"owner\":\""
                + owner
                + "\",\"box\":\"0\"}]}",
            "not json");
    for (String json : invalid) {
      LedgerBlock bad =
          new LedgerBlock(height + 1, 1_900_000_000_000L, List.of(rawBalancesTx(sim, 0, json)));
      assertThatThrownBy(() -> p.offer(bad))
          .as(json.length() > 100 ? json.substring(0, 100) : json)
          .isInstanceOf(ProjectionGapException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("00ff", tooLong));
      assertThat(s.appliedHeight()).isEqualTo(height);
      assertThat(s.sealedBalances(owner)).isEmpty();
      assertThat(s.sealedBalances(sim.owner(1))).isEmpty();
    }
    byte[] largest = box(2, 4096);
    LedgerBlock.DexTx ok = balancesTx(sim, 0, owner, hex(largest));
    LedgerBlock good = sim.addBlock(List.of(ok));
    p.catchUp();
    assertSnapshot(s, owner, good, ok.txId(), largest);
  }

  /** The store's depth, level by level, equals the engine's, at the engine's sequence. */
  static void assertBookEqualsEngine(OrderBookStore s, DexSimulation sim, String market) {
    MarketSpec spec = DexSimulation.CONFIG.market(market);
    JsonNode book = sim.engineBook(market);
    Depth d = s.depth(market, 1000);
    assertThat(d.lastUpdateId())
        .as("sequence of " + market)
        .isEqualTo(book.path("sequence").asLong());
    assertThat(levels(d.bids())).as("bids of " + market).isEqualTo(levels(book.path("bids"), spec));
    assertThat(levels(d.asks())).as("asks of " + market).isEqualTo(levels(book.path("asks"), spec));
  }

  private static List<String> levels(List<Level> ls) {
    List<String> out = new ArrayList<>();
    for (Level l : ls) {
      out.add(l.price() + "@" + l.quantity());
    }
    return out;
  }

  private static List<String> levels(JsonNode ls, MarketSpec spec) {
    List<String> out = new ArrayList<>();
    for (JsonNode l : ls) {
      out.add(
          FixedPoint.parse(l.path("price").asText(), spec.priceScale())
              + "@"
              + FixedPoint.parse(l.path("quantity").asText(), spec.quantityScale()));
    }
    return out;
  }

  /** Everything the store answers about the simulation's markets and traders, as text. */
  static String snapshot(OrderBookStore s, DexSimulation sim) {
    StringBuilder b = new StringBuilder();
    b.append("height ").append(s.appliedHeight()).append('\n');
    for (String m : MARKETS) {
      b.append(s.market(m)).append('\n');
      b.append(s.depth(m, 1000)).append('\n');
      b.append(s.trades(m, 1_000_000)).append('\n');
      for (Interval iv : Interval.values()) {
        b.append(s.candles(m, iv, 0, Long.MAX_VALUE, 1_000_000)).append('\n');
      }
    }
    for (int i = 0; i < sim.traders().size(); i++) {
      b.append(s.ordersOf(sim.owner(i), null, false, 1_000_000)).append('\n');
      b.append(s.tradesOf(sim.owner(i), null, 1_000_000)).append('\n');
      b.append(
              s.sealedBalances(sim.owner(i))
                  .map(x -> x + " " + HexFormat.of().formatHex(x.box()))
                  .orElse("no snapshot"))
          .append('\n');
    }
    return b.toString();
  }
}
