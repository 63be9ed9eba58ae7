package io.txnchain.dex.engine;

import static io.txnchain.dex.engine.Harness.ALICE;
import static io.txnchain.dex.engine.Harness.BOB;
import static io.txnchain.dex.engine.Harness.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.dex.engine.DexEvent.BookLevelChanged;
import io.txnchain.dex.engine.DexEvent.OrderAccepted;
import io.txnchain.dex.engine.DexEvent.OrderExpired;
import io.txnchain.dex.engine.DexEvent.OrderFilled;
import io.txnchain.dex.engine.DexEvent.OrderPartiallyFilled;
import io.txnchain.dex.engine.DexEvent.Trade;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MatchingTest {
  Harness h;

  @BeforeEach
  void setUp() {
    h = Harness.simple();
    for (long a : new long[] {ALICE, BOB, CAROL}) {
      h.fund(a, "USDC", 1_000_000).fund(a, "ETH", 1_000).fund(a, "BTC", 1_000);
    }
  }

  static Command.Place limit(long account, Side side, long price, long qty) {
    return Command.Place.limit(account, "ETH-USDC", side, price, qty);
  }

  @Test
  void gtcLimitOrdersRestAndLockFunds() {
    long buy = h.buy(ALICE, 100, 5);
    assertThat(h.last)
        .containsExactly(
            new OrderAccepted(
                buy,
                ALICE,
                "ETH-USDC",
                Side.BUY,
                io.txnchain.wire.dex.OrderType.LIMIT,
                100,
                5,
                TimeInForce.GTC,
                false,
                null),
            new BookLevelChanged("ETH-USDC", 1, Side.BUY, 100, 5));
    assertThat(h.locked(ALICE, "USDC")).isEqualTo(500);
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(1_000_000 - 500);
    h.sell(BOB, 110, 3);
    assertThat(h.locked(BOB, "ETH")).isEqualTo(3);
    assertThat(h.engine.bestPrice("ETH-USDC", Side.BUY)).isEqualTo(100);
    assertThat(h.engine.bestPrice("ETH-USDC", Side.SELL)).isEqualTo(110);
  }

  @Test
  void fullFillSettlesBothSidesAtTheMakerPrice() {
    long ask = h.sell(BOB, 100, 5);
    long bid = h.buy(ALICE, 105, 5);
    assertThat(h.last)
        .containsExactly(
            new OrderAccepted(
                bid,
                ALICE,
                "ETH-USDC",
                Side.BUY,
                io.txnchain.wire.dex.OrderType.LIMIT,
                105,
                5,
                TimeInForce.GTC,
                false,
                null),
            new Trade("ETH-USDC", 2, 1, ask, BOB, bid, ALICE, Side.BUY, 100, 5, 0, 0),
            new OrderFilled(ask, BOB, 100, 5),
            new OrderFilled(bid, ALICE, 100, 5),
            new BookLevelChanged("ETH-USDC", 3, Side.SELL, 100, 0));
    // The buyer locked 525 at its limit, paid 500 at the maker's price, and got 25 back.
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(1_000_000 - 500);
    assertThat(h.locked(ALICE, "USDC")).isZero();
    assertThat(h.avail(ALICE, "ETH")).isEqualTo(1_005);
    assertThat(h.avail(BOB, "USDC")).isEqualTo(1_000_500);
    assertThat(h.avail(BOB, "ETH")).isEqualTo(995);
    assertThat(h.locked(BOB, "ETH")).isZero();
    assertThat(h.engine.restingOrders("ETH-USDC")).isZero();
  }

  @Test
  void partialFillsLeaveTheRestResting() {
    long ask = h.sell(BOB, 100, 10);
    long bid = h.buy(ALICE, 100, 4);
    assertThat(h.lastOf(OrderPartiallyFilled.class))
        .containsExactly(new OrderPartiallyFilled(ask, BOB, 100, 4, 6));
    assertThat(h.lastOf(OrderFilled.class)).containsExactly(new OrderFilled(bid, ALICE, 100, 4));
    assertThat(h.engine.order(ask).remaining()).isEqualTo(6);
    assertThat(h.locked(BOB, "ETH")).isEqualTo(6);

    long bigBid = h.buy(CAROL, 100, 10);
    assertThat(h.lastOf(OrderFilled.class)).containsExactly(new OrderFilled(ask, BOB, 100, 6));
    assertThat(h.lastOf(OrderPartiallyFilled.class))
        .containsExactly(new OrderPartiallyFilled(bigBid, CAROL, 100, 6, 4));
    assertThat(h.engine.order(bigBid).remaining()).isEqualTo(4);
    assertThat(h.locked(CAROL, "USDC")).isEqualTo(400);
    assertThat(h.engine.bestPrice("ETH-USDC", Side.BUY)).isEqualTo(100);
    assertThat(h.engine.bestPrice("ETH-USDC", Side.SELL)).isZero();
  }

  @Test
  void pricePriorityThenTimePriority() {
    long first = h.sell(BOB, 101, 2);
    long second = h.sell(CAROL, 101, 2);
    long better = h.sell(CAROL, 100, 1);
    long third = h.sell(BOB, 101, 2);
    h.buy(ALICE, 101, 4);
    List<Trade> trades = h.lastOf(Trade.class);
    assertThat(trades).extracting(Trade::makerOrderId).containsExactly(better, first, second);
    assertThat(trades).extracting(Trade::quantity).containsExactly(1L, 2L, 1L);
    assertThat(trades).extracting(Trade::price).containsExactly(100L, 101L, 101L);
    assertThat(h.engine.order(second).remaining()).isEqualTo(1);
    assertThat(h.engine.order(third).remaining()).isEqualTo(2);
    // One level event per level left: 100 emptied, 101 down to 1 + 2.
    assertThat(h.lastOf(BookLevelChanged.class))
        .extracting(BookLevelChanged::price, BookLevelChanged::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(100L, 0L),
            org.assertj.core.groups.Tuple.tuple(101L, 3L));
  }

  @Test
  void iocFillsWhatItCanAndExpiresTheRest() {
    long ask = h.sell(BOB, 100, 3);
    long ioc = h.place(limit(ALICE, Side.BUY, 100, 5).withTimeInForce(TimeInForce.IOC));
    assertThat(h.lastOf(Trade.class)).hasSize(1);
    assertThat(h.lastOf(OrderExpired.class))
        .containsExactly(new OrderExpired(ioc, ALICE, 2, ExpireReason.UNFILLED_IMMEDIATE));
    assertThat(h.engine.order(ask)).isNull();
    assertThat(h.engine.order(ioc)).isNull();
    assertThat(h.locked(ALICE, "USDC")).isZero();
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(1_000_000 - 300);
  }

  @Test
  void iocThatCannotTradeExpiresWhole() {
    long ioc = h.place(limit(ALICE, Side.SELL, 100, 5).withTimeInForce(TimeInForce.IOC));
    assertThat(h.lastOf(OrderExpired.class))
        .containsExactly(new OrderExpired(ioc, ALICE, 5, ExpireReason.UNFILLED_IMMEDIATE));
    assertThat(h.locked(ALICE, "ETH")).isZero();
    assertThat(h.avail(ALICE, "ETH")).isEqualTo(1_000);
  }

  @Test
  void fokFillsCompletelyAcrossLevelsOrIsRejectedUntouched() {
    h.sell(BOB, 100, 2);
    h.sell(CAROL, 101, 2);
    h.assertRejected(
        limit(ALICE, Side.BUY, 101, 5).withTimeInForce(TimeInForce.FOK),
        RejectReason.FOK_CANNOT_FILL);
    h.assertRejected(
        limit(ALICE, Side.BUY, 100, 3).withTimeInForce(TimeInForce.FOK),
        RejectReason.FOK_CANNOT_FILL);
    long fok = h.place(limit(ALICE, Side.BUY, 101, 4).withTimeInForce(TimeInForce.FOK));
    assertThat(h.lastOf(Trade.class)).extracting(Trade::quantity).containsExactly(2L, 2L);
    assertThat(h.lastOf(OrderFilled.class)).last().isEqualTo(new OrderFilled(fok, ALICE, 101, 2));
    assertThat(h.engine.restingOrders("ETH-USDC")).isZero();
  }

  @Test
  void postOnlyRestsOrIsRejectedWhenItWouldCross() {
    h.sell(BOB, 100, 2);
    h.assertRejected(
        limit(ALICE, Side.BUY, 100, 1).asPostOnly(), RejectReason.POST_ONLY_WOULD_CROSS);
    h.assertRejected(
        limit(ALICE, Side.BUY, 150, 1).asPostOnly(), RejectReason.POST_ONLY_WOULD_CROSS);
    long maker = h.place(limit(ALICE, Side.BUY, 99, 1).asPostOnly());
    assertThat(h.engine.order(maker).remaining()).isEqualTo(1);
    h.assertRejected(
        limit(ALICE, Side.BUY, 99, 1).asPostOnly().withTimeInForce(TimeInForce.IOC),
        RejectReason.INVALID_ORDER);
  }

  @Test
  void marketOrdersTradeInsideTheBandAndExpireTheRest() {
    // Band is 10%: with no trade yet the reference is the best ask, 100, so the limit is 110.
    h.sell(BOB, 100, 1);
    h.sell(BOB, 110, 1);
    long far = h.sell(BOB, 111, 1);
    long market = h.place(Command.Place.market(ALICE, "ETH-USDC", Side.BUY, 5));
    assertThat(h.lastOf(Trade.class)).extracting(Trade::price).containsExactly(100L, 110L);
    assertThat(h.lastOf(OrderExpired.class))
        .containsExactly(new OrderExpired(market, ALICE, 3, ExpireReason.UNFILLED_IMMEDIATE));
    assertThat(h.engine.order(far).remaining()).isEqualTo(1);
    assertThat(h.locked(ALICE, "USDC")).isZero();
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(1_000_000 - 210);
  }

  @Test
  void marketSellBandRoundsTowardsTheReference() {
    h.buy(BOB, 100, 1);
    h.buy(BOB, 90, 1);
    h.buy(BOB, 89, 1);
    h.place(Command.Place.market(ALICE, "ETH-USDC", Side.SELL, 3));
    assertThat(h.lastOf(Trade.class)).extracting(Trade::price).containsExactly(100L, 90L);
  }

  @Test
  void marketOrdersNeedLiquidityInsideTheBand() {
    h.assertRejected(
        Command.Place.market(ALICE, "ETH-USDC", Side.BUY, 1), RejectReason.NO_LIQUIDITY);
    // A trade at 100 makes 100 the reference; an ask at 120 is then outside the 10% band.
    h.sell(BOB, 100, 1);
    h.buy(CAROL, 100, 1);
    h.sell(BOB, 120, 1);
    h.assertRejected(
        Command.Place.market(ALICE, "ETH-USDC", Side.BUY, 1), RejectReason.PRICE_BAND_EXCEEDED);
    h.assertRejected(
        Command.Place.market(ALICE, "ETH-USDC", Side.BUY, 1).withTimeInForce(TimeInForce.GTC),
        RejectReason.INVALID_ORDER);
    h.assertRejected(
        new Command.Place(
            ALICE,
            "ETH-USDC",
            Side.BUY,
            io.txnchain.wire.dex.OrderType.MARKET,
            100,
            1,
            TimeInForce.IOC,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            null),
        RejectReason.INVALID_ORDER);
  }

  @Test
  void marketFokWithinTheBand() {
    h.sell(BOB, 100, 1);
    h.sell(BOB, 200, 5);
    h.assertRejected(
        Command.Place.market(ALICE, "ETH-USDC", Side.BUY, 2).withTimeInForce(TimeInForce.FOK),
        RejectReason.FOK_CANNOT_FILL);
    h.place(Command.Place.market(ALICE, "ETH-USDC", Side.BUY, 1).withTimeInForce(TimeInForce.FOK));
    assertThat(h.lastOf(Trade.class)).hasSize(1);
  }

  @Test
  void marketBuyLocksAtTheBandLimitAndNeedsThatBalance() {
    h.sell(BOB, 100, 10);
    Harness poor = h;
    poor.run(new Command.Withdraw(CAROL, "USDC", 1_000_000 - 1_050));
    // 10 at the band limit of 110 needs 1,100 although the fill would cost 1,000.
    poor.assertRejected(
        Command.Place.market(CAROL, "ETH-USDC", Side.BUY, 10), RejectReason.INSUFFICIENT_BALANCE);
    poor.place(Command.Place.market(CAROL, "ETH-USDC", Side.BUY, 9));
    assertThat(h.avail(CAROL, "USDC")).isEqualTo(150);
  }

  @Test
  void selfTradePreventionExpireTakerIsTheDefault() {
    long own = h.sell(ALICE, 100, 2);
    long taker = h.buy(ALICE, 100, 3);
    assertThat(h.lastOf(Trade.class)).isEmpty();
    assertThat(h.lastOf(OrderExpired.class))
        .containsExactly(new OrderExpired(taker, ALICE, 3, ExpireReason.SELF_TRADE_PREVENTION));
    assertThat(h.engine.order(own).remaining()).isEqualTo(2);
    assertThat(h.locked(ALICE, "USDC")).isZero();
  }

  @Test
  void selfTradePreventionExpireTakerAfterPartialFills() {
    long other = h.sell(BOB, 100, 1);
    long own = h.sell(ALICE, 100, 2);
    long behind = h.sell(CAROL, 100, 2);
    long taker = h.buy(ALICE, 100, 4);
    assertThat(h.lastOf(Trade.class)).extracting(Trade::makerOrderId).containsExactly(other);
    assertThat(h.lastOf(OrderExpired.class))
        .containsExactly(new OrderExpired(taker, ALICE, 3, ExpireReason.SELF_TRADE_PREVENTION));
    assertThat(h.engine.order(own)).isNotNull();
    assertThat(h.engine.order(behind)).isNotNull();
  }

  @Test
  void selfTradePreventionExpireMakerContinuesBehindIt() {
    long own = h.sell(ALICE, 100, 2);
    long other = h.sell(BOB, 100, 2);
    long taker =
        h.place(
            limit(ALICE, Side.BUY, 100, 2)
                .withSelfTradePrevention(SelfTradePrevention.EXPIRE_MAKER));
    assertThat(h.lastOf(OrderExpired.class))
        .containsExactly(new OrderExpired(own, ALICE, 2, ExpireReason.SELF_TRADE_PREVENTION));
    assertThat(h.lastOf(Trade.class)).extracting(Trade::makerOrderId).containsExactly(other);
    assertThat(h.lastOf(OrderFilled.class)).last().isEqualTo(new OrderFilled(taker, ALICE, 100, 2));
    assertThat(h.locked(ALICE, "ETH")).isZero();
    assertThat(h.avail(ALICE, "ETH")).isEqualTo(1_002);
  }

  @Test
  void selfTradePreventionExpireBoth() {
    long own = h.sell(ALICE, 100, 2);
    h.sell(BOB, 100, 2);
    long taker =
        h.place(
            limit(ALICE, Side.BUY, 100, 2)
                .withSelfTradePrevention(SelfTradePrevention.EXPIRE_BOTH));
    assertThat(h.lastOf(OrderExpired.class))
        .containsExactly(
            new OrderExpired(own, ALICE, 2, ExpireReason.SELF_TRADE_PREVENTION),
            new OrderExpired(taker, ALICE, 2, ExpireReason.SELF_TRADE_PREVENTION));
    assertThat(h.lastOf(Trade.class)).isEmpty();
    assertThat(h.engine.restingOrders("ETH-USDC")).isEqualTo(1);
  }

  @Test
  void fokCountsSelfTradePrevention() {
    h.sell(ALICE, 100, 2);
    h.sell(BOB, 100, 2);
    h.assertRejected(
        limit(ALICE, Side.BUY, 100, 2).withTimeInForce(TimeInForce.FOK),
        RejectReason.FOK_CANNOT_FILL);
    h.place(
        limit(ALICE, Side.BUY, 100, 2)
            .withTimeInForce(TimeInForce.FOK)
            .withSelfTradePrevention(SelfTradePrevention.EXPIRE_MAKER));
    assertThat(h.lastOf(Trade.class)).hasSize(1);
  }

  @Test
  void publicSequencesAreContiguousPerMarket() {
    h.sell(BOB, 100, 2);
    h.buy(ALICE, 100, 1);
    h.place(Command.Place.limit(ALICE, "BTC-USDC", Side.BUY, 50, 1));
    h.buy(ALICE, 100, 1);
    long eth = 0;
    long btc = 0;
    for (DexEvent e : h.all) {
      if (e instanceof DexEvent.Public p) {
        long expected = p.market().equals("ETH-USDC") ? ++eth : ++btc;
        assertThat(p.sequence()).isEqualTo(expected);
      }
    }
    assertThat(h.engine.sequence("ETH-USDC")).isEqualTo(eth).isEqualTo(5);
    assertThat(h.engine.sequence("BTC-USDC")).isEqualTo(btc).isEqualTo(1);
  }
}
