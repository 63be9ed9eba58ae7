package io.txnchain.dex.engine;

import static io.txnchain.dex.engine.Harness.ALICE;
import static io.txnchain.dex.engine.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.dex.engine.DexEvent.BookLevelChanged;
import io.txnchain.dex.engine.DexEvent.OrderCancelled;
import io.txnchain.dex.engine.DexEvent.OrderReplaced;
import io.txnchain.dex.engine.DexEvent.Trade;
import io.txnchain.wire.dex.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CancelReplaceTest {
  Harness h;

  @BeforeEach
  void setUp() {
    h = Harness.simple();
    for (long a : new long[] {ALICE, BOB}) {
      h.fund(a, "USDC", 100_000).fund(a, "ETH", 1_000).fund(a, "BTC", 1_000);
    }
  }

  @Test
  void cancelByIdUnlocksAndReportsTheLevel() {
    long id = h.buy(ALICE, 100, 5);
    h.run(new Command.Cancel(ALICE, id));
    assertThat(h.last)
        .containsExactly(
            new OrderCancelled(id, ALICE, 5),
            new BookLevelChanged("ETH-USDC", 2, Side.BUY, 100, 0));
    assertThat(h.locked(ALICE, "USDC")).isZero();
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(100_000);
  }

  @Test
  void cancelByClientIdAndReuseOfTheClientId() {
    Command.Place p =
        Command.Place.limit(ALICE, "ETH-USDC", Side.SELL, 120, 3).withClientOrderId("mine");
    long id = h.place(p);
    h.run(new Command.CancelByClientId(ALICE, "mine"));
    assertThat(h.lastOf(OrderCancelled.class)).containsExactly(new OrderCancelled(id, ALICE, 3));
    long again = h.place(p);
    assertThat(again).isNotEqualTo(id);
    // Filled orders free their client id too.
    h.buy(BOB, 120, 3);
    h.assertRejected(new Command.CancelByClientId(ALICE, "mine"), RejectReason.UNKNOWN_ORDER);
    h.place(p);
  }

  @Test
  void cancelAllInOneMarketOrEverywhere() {
    long a1 = h.buy(ALICE, 100, 1);
    long a2 = h.sell(ALICE, 200, 1);
    long b1 = h.buy(BOB, 99, 1);
    long a3 = h.place(Command.Place.limit(ALICE, "BTC-USDC", Side.BUY, 10, 1));
    h.run(new Command.CancelAll(ALICE, "ETH-USDC"));
    assertThat(h.lastOf(OrderCancelled.class))
        .extracting(OrderCancelled::orderId)
        .containsExactly(a1, a2);
    assertThat(h.engine.order(a3)).isNotNull();
    assertThat(h.engine.order(b1)).isNotNull();
    h.place(Command.Place.limit(ALICE, "ETH-USDC", Side.BUY, 90, 1));
    h.run(new Command.CancelAll(ALICE, null));
    assertThat(h.lastOf(OrderCancelled.class)).hasSize(2);
    assertThat(h.locked(ALICE, "USDC")).isZero();
    assertThat(h.locked(ALICE, "ETH")).isZero();
    h.run(new Command.CancelAll(ALICE, null));
    assertThat(h.last).isEmpty();
  }

  @Test
  void replaceMovesTheOrderToTheBackOfItsNewLevel() {
    long first = h.buy(ALICE, 100, 2);
    long second = h.buy(BOB, 100, 2);
    h.run(new Command.Replace(ALICE, first, 100, 3));
    assertThat(h.last.get(0)).isEqualTo(new OrderReplaced(first, ALICE, 100, 3));
    assertThat(h.locked(ALICE, "USDC")).isEqualTo(300);
    h.fund(3, "ETH", 10);
    h.place(Command.Place.limit(3, "ETH-USDC", Side.SELL, 100, 3));
    assertThat(h.lastOf(Trade.class))
        .extracting(Trade::makerOrderId)
        .containsExactly(second, first);
    assertThat(h.engine.order(first).remaining()).isEqualTo(2);
  }

  @Test
  void replaceKeepsTheIdAndCanTradeAtOnce() {
    h.fund(3, "ETH", 10);
    long ask = h.place(Command.Place.limit(3, "ETH-USDC", Side.SELL, 105, 2));
    long bid = h.buy(ALICE, 100, 5);
    h.run(new Command.Replace(ALICE, bid, 105, 5));
    Trade t = h.lastOf(Trade.class).get(0);
    assertThat(t.takerOrderId()).isEqualTo(bid);
    assertThat(t.makerOrderId()).isEqualTo(ask);
    assertThat(h.engine.order(bid).remaining()).isEqualTo(3);
    assertThat(h.engine.order(bid).price()).isEqualTo(105);
    assertThat(h.locked(ALICE, "USDC")).isEqualTo(315);
  }

  @Test
  void refusedReplaceLeavesTheOriginalInPlace() {
    long bid = h.buy(ALICE, 100, 5);
    h.sell(BOB, 110, 1);
    h.assertRejected(
        new Command.Replace(ALICE, bid, 100_000, 5), RejectReason.INSUFFICIENT_BALANCE);
    h.assertRejected(new Command.Replace(ALICE, bid, 100, 0), RejectReason.QUANTITY_OFF_LOT);
    h.assertRejected(new Command.Replace(ALICE, bid, 0, 5), RejectReason.PRICE_OFF_TICK);
    long postOnly = h.place(Command.Place.limit(ALICE, "ETH-USDC", Side.BUY, 90, 1).asPostOnly());
    h.assertRejected(
        new Command.Replace(ALICE, postOnly, 110, 1), RejectReason.POST_ONLY_WOULD_CROSS);
    // Reusing the funds the order itself locks is fine: 100 * 5 + all the rest.
    h.run(new Command.Replace(ALICE, bid, 100, 5 + (100_000 - 500 - 90) / 100));
    assertThat(h.last.get(0)).isInstanceOf(OrderReplaced.class);
  }
}
