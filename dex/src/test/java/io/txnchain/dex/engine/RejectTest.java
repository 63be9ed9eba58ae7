package io.txnchain.dex.engine;

import static io.txnchain.dex.engine.Harness.ALICE;
import static io.txnchain.dex.engine.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every engine-level reject reason; each must leave the whole state hash unchanged. */
class RejectTest {
  static final String M = "ETH-USDC";
  Harness h;

  @BeforeEach
  void setUp() {
    // Tick 10, lot 5, min notional 1,000 quote units, band 10%.
    MarketSpec spec =
        new MarketSpec(M, "ETH", "USDC", 1, 1, 10, 5, 1_000, 1_000, FeeSchedule.FREE, Harness.FEES);
    h = Harness.of(Engine.create(new EngineConfig(List.of(spec), Harness.DOMAIN)));
    h.fund(ALICE, "USDC", 100_000).fund(ALICE, "ETH", 1_000);
    h.fund(BOB, "USDC", 100_000).fund(BOB, "ETH", 1_000);
  }

  static Command.Place limit(long account, Side side, long price, long qty) {
    return Command.Place.limit(account, M, side, price, qty);
  }

  @Test
  void unknownMarketAndToken() {
    h.assertRejected(
        Command.Place.limit(ALICE, "DOGE-USDC", Side.BUY, 100, 10), RejectReason.UNKNOWN_MARKET);
    h.assertRejected(
        Command.Place.limit(ALICE, null, Side.BUY, 100, 10), RejectReason.UNKNOWN_MARKET);
    h.assertRejected(new Command.CancelAll(ALICE, "DOGE-USDC"), RejectReason.UNKNOWN_MARKET);
    h.assertRejected(new Command.Deposit(ALICE, "DOGE", 1), RejectReason.UNKNOWN_TOKEN);
    h.assertRejected(new Command.Withdraw(ALICE, "DOGE", 1), RejectReason.UNKNOWN_TOKEN);
  }

  @Test
  void invalidOrders() {
    h.assertRejected(
        new Command.Place(
            ALICE,
            M,
            null,
            OrderType.LIMIT,
            100,
            10,
            TimeInForce.GTC,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            null),
        RejectReason.INVALID_ORDER);
    h.assertRejected(
        new Command.Place(
            ALICE,
            M,
            Side.BUY,
            OrderType.LIMIT,
            100,
            10,
            null,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            null),
        RejectReason.INVALID_ORDER);
    h.assertRejected(
        limit(ALICE, Side.BUY, 100, 10).withClientOrderId("x".repeat(65)),
        RejectReason.INVALID_ORDER);
    h.assertRejected(
        limit(ALICE, Side.BUY, 100, 10).asPostOnly().withTimeInForce(TimeInForce.FOK),
        RejectReason.INVALID_ORDER);
  }

  @Test
  void invalidAmounts() {
    h.assertRejected(new Command.Deposit(ALICE, "ETH", 0), RejectReason.INVALID_AMOUNT);
    h.assertRejected(new Command.Deposit(ALICE, "ETH", -5), RejectReason.INVALID_AMOUNT);
    h.assertRejected(new Command.Withdraw(ALICE, "ETH", 0), RejectReason.INVALID_AMOUNT);
  }

  @Test
  void ticksLotsAndMinimumNotional() {
    h.assertRejected(limit(ALICE, Side.BUY, 105, 10), RejectReason.PRICE_OFF_TICK);
    h.assertRejected(limit(ALICE, Side.BUY, 0, 10), RejectReason.PRICE_OFF_TICK);
    h.assertRejected(limit(ALICE, Side.BUY, -100, 10), RejectReason.PRICE_OFF_TICK);
    h.assertRejected(limit(ALICE, Side.BUY, 100, 7), RejectReason.QUANTITY_OFF_LOT);
    h.assertRejected(limit(ALICE, Side.BUY, 100, 0), RejectReason.QUANTITY_OFF_LOT);
    h.assertRejected(limit(ALICE, Side.SELL, 100, -5), RejectReason.QUANTITY_OFF_LOT);
    h.assertRejected(limit(ALICE, Side.BUY, 100, 5), RejectReason.BELOW_MIN_NOTIONAL);
    h.buy(ALICE, 100, 10);
  }

  @Test
  void insufficientBalance() {
    h.assertRejected(limit(ALICE, Side.BUY, 100, 1_005), RejectReason.INSUFFICIENT_BALANCE);
    h.assertRejected(limit(ALICE, Side.SELL, 100, 1_005), RejectReason.INSUFFICIENT_BALANCE);
    h.assertRejected(limit(77, Side.SELL, 100, 10), RejectReason.INSUFFICIENT_BALANCE);
    h.assertRejected(new Command.Withdraw(ALICE, "ETH", 1_001), RejectReason.INSUFFICIENT_BALANCE);
    h.assertRejected(new Command.Withdraw(77, "ETH", 1), RejectReason.INSUFFICIENT_BALANCE);
    // Locked funds are not available.
    h.sell(ALICE, 200, 1_000);
    h.assertRejected(new Command.Withdraw(ALICE, "ETH", 1), RejectReason.INSUFFICIENT_BALANCE);
    h.assertRejected(limit(ALICE, Side.SELL, 300, 5), RejectReason.INSUFFICIENT_BALANCE);
  }

  @Test
  void overflow() {
    h.assertRejected(
        limit(ALICE, Side.BUY, Long.MAX_VALUE - 7, 10), RejectReason.OVERFLOW); // 9..807 on tick
    h.assertRejected(
        limit(ALICE, Side.SELL, 1_000_000_000_000L, 10_000_000_000L), RejectReason.OVERFLOW);
    h.assertRejected(new Command.Deposit(ALICE, "ETH", Long.MAX_VALUE), RejectReason.OVERFLOW);
  }

  @Test
  void postOnlyFokBandAndLiquidity() {
    h.assertRejected(Command.Place.market(ALICE, M, Side.SELL, 10), RejectReason.NO_LIQUIDITY);
    h.sell(BOB, 100, 10);
    h.assertRejected(
        limit(ALICE, Side.BUY, 100, 10).asPostOnly(), RejectReason.POST_ONLY_WOULD_CROSS);
    h.assertRejected(
        limit(ALICE, Side.BUY, 100, 15).withTimeInForce(TimeInForce.FOK),
        RejectReason.FOK_CANNOT_FILL);
    h.buy(ALICE, 100, 10); // trades: the reference price is now 100
    h.sell(BOB, 120, 10);
    h.assertRejected(
        Command.Place.market(ALICE, M, Side.BUY, 10), RejectReason.PRICE_BAND_EXCEEDED);
  }

  @Test
  void ownershipAndUnknownOrders() {
    long bobs = h.sell(BOB, 100, 10);
    h.assertRejected(new Command.Cancel(ALICE, bobs), RejectReason.NOT_OWNER);
    h.assertRejected(new Command.Replace(ALICE, bobs, 110, 10), RejectReason.NOT_OWNER);
    h.assertRejected(new Command.Cancel(ALICE, bobs + (1 << 16)), RejectReason.UNKNOWN_ORDER);
    h.assertRejected(new Command.Cancel(ALICE, (5L << 16) | 9), RejectReason.UNKNOWN_ORDER);
    h.assertRejected(new Command.Cancel(ALICE, -1), RejectReason.UNKNOWN_ORDER);
    h.assertRejected(new Command.Cancel(ALICE, 0), RejectReason.UNKNOWN_ORDER);
    h.assertRejected(new Command.Replace(ALICE, 12345, 110, 10), RejectReason.UNKNOWN_ORDER);
    h.assertRejected(new Command.CancelByClientId(ALICE, "nope"), RejectReason.UNKNOWN_ORDER);
    h.assertRejected(new Command.CancelByClientId(ALICE, null), RejectReason.UNKNOWN_ORDER);
    h.run(new Command.Cancel(BOB, bobs));
    h.assertRejected(new Command.Cancel(BOB, bobs), RejectReason.UNKNOWN_ORDER);
  }

  @Test
  void duplicateClientIds() {
    h.place(limit(ALICE, Side.BUY, 100, 10).withClientOrderId("a1"));
    h.assertRejected(
        limit(ALICE, Side.SELL, 300, 10).withClientOrderId("a1"), RejectReason.DUPLICATE_CLIENT_ID);
    // Another account may use the same client id.
    h.place(limit(BOB, Side.BUY, 100, 10).withClientOrderId("a1"));
  }

  @Test
  void codesAreStableAndDistinct() {
    Set<Integer> codes = new HashSet<>();
    for (RejectReason r : RejectReason.values()) {
      assertThat(codes.add(r.code())).as("code of %s", r).isTrue();
    }
    assertThat(RejectReason.UNKNOWN_MARKET.code()).isEqualTo(1);
    assertThat(RejectReason.INSUFFICIENT_BALANCE.code()).isEqualTo(8);
    assertThat(RejectReason.DUPLICATE_ORDER.code()).isEqualTo(25);
    assertThat(RejectReason.PRICE_OFF_TICK.wireName()).isEqualTo("price_off_tick");
  }
}
