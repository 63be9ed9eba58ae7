package io.txnchain.dex.engine;

import static io.txnchain.dex.engine.Harness.ALICE;
import static io.txnchain.dex.engine.Harness.BOB;
import static io.txnchain.dex.engine.Harness.FEES;
import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.dex.engine.DexEvent.Trade;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalanceAndFeeTest {

  @Test
  void depositsAndWithdrawalsMoveAvailableBalances() {
    Harness h = Harness.simple();
    h.run(new Command.Deposit(ALICE, "USDC", 1_000));
    assertThat(h.last).containsExactly(new DexEvent.Deposited(ALICE, "USDC", 1_000));
    h.run(new Command.Withdraw(ALICE, "USDC", 400));
    assertThat(h.last).containsExactly(new DexEvent.WithdrawalRequested(1, ALICE, "USDC", 400));
    h.run(new Command.Withdraw(ALICE, "USDC", 100));
    assertThat(h.last).containsExactly(new DexEvent.WithdrawalRequested(2, ALICE, "USDC", 100));
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(500);
    assertThat(h.engine.netDeposits("USDC")).isEqualTo(500);
    assertThat(h.engine.conservationHolds()).isTrue();
  }

  @Test
  void feesInBpsAndPerLotGoToTheFeeAccount() {
    // Maker 10 bps; taker 20 bps plus 1 quote unit per lot.
    Harness h = Harness.simple(new FeeSchedule(10, 20, 0, 1));
    h.fund(ALICE, "USDC", 1_000_000).fund(BOB, "ETH", 10_000);
    long ask = h.sell(BOB, 100, 1_000);
    // Lock at entry: 105 * 1000 + 20 bps (max of both rates) + 1 per lot.
    long bid = h.place(Command.Place.limit(ALICE, "ETH-USDC", Side.BUY, 105, 1_000));
    Trade t = h.lastOf(Trade.class).get(0);
    assertThat(t)
        .isEqualTo(
            new Trade(
                "ETH-USDC", 2, 1, ask, BOB, bid, ALICE, Side.BUY, 100, 1_000, 100, 200 + 1_000));
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(1_000_000 - 100_000 - 1_200);
    assertThat(h.locked(ALICE, "USDC")).isZero();
    assertThat(h.avail(BOB, "USDC")).isEqualTo(100_000 - 100);
    assertThat(h.avail(FEES, "USDC")).isEqualTo(1_300);
    assertThat(h.engine.feesCollected("USDC")).isEqualTo(1_300);
  }

  @Test
  void buyOrdersLockTheLargerFeeAndFillsReleaseExactly() {
    Harness h = Harness.simple(new FeeSchedule(30, 20, 2, 1));
    h.fund(ALICE, "USDC", 1_000_000).fund(BOB, "ETH", 10_000);
    long bid = h.buy(ALICE, 333, 7);
    long notional = 333 * 7;
    long lock = notional + notional * 30 / 10_000 + 7 * 2;
    assertThat(h.locked(ALICE, "USDC")).isEqualTo(lock);
    // Three partial fills as maker; each releases the lock of the filled part.
    for (int i = 0; i < 3; i++) {
      h.place(Command.Place.limit(BOB, "ETH-USDC", Side.SELL, 333, 2));
    }
    assertThat(h.engine.order(bid).remaining()).isEqualTo(1);
    long rest = 333 + 333 * 30 / 10_000 + 2;
    assertThat(h.locked(ALICE, "USDC")).isEqualTo(rest);
    h.run(new Command.Cancel(ALICE, bid));
    assertThat(h.locked(ALICE, "USDC")).isZero();
  }

  @Test
  void sellerFeeIsCappedAtTheNotional() {
    Harness h = Harness.simple(new FeeSchedule(0, 0, 0, 1_000));
    h.fund(ALICE, "USDC", 10_000).fund(BOB, "ETH", 10);
    h.buy(ALICE, 1, 1);
    assertThat(h.locked(ALICE, "USDC")).isEqualTo(1 + 1_000);
    h.place(Command.Place.limit(BOB, "ETH-USDC", Side.SELL, 1, 1));
    Trade t = h.lastOf(Trade.class).get(0);
    assertThat(t.takerFee()).isEqualTo(1);
    assertThat(h.avail(BOB, "USDC")).isZero();
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(10_000 - 1);
  }

  @Test
  void realisticScalesSettleExactly() {
    // ETH with 8 decimals, USDC with 6; tick 0.01 USDC, lot 0.0001 ETH; 5 bps maker, 10 taker.
    MarketSpec eth =
        new MarketSpec(
            "ETH-USDC",
            "ETH",
            "USDC",
            1_000_000,
            100_000_000,
            10_000,
            10_000,
            1_000_000,
            500,
            FeeSchedule.bps(5, 10),
            FEES);
    Harness h = Harness.of(Engine.create(new EngineConfig(List.of(eth), Harness.DOMAIN)));
    h.fund(ALICE, "USDC", 10_000_000_000L).fund(BOB, "ETH", 1_000_000_000L);
    long price = io.txnchain.dex.market.FixedPoint.parse("2000.5", 1_000_000);
    long qty = io.txnchain.dex.market.FixedPoint.parse("1.25", 100_000_000);
    h.place(Command.Place.limit(BOB, "ETH-USDC", Side.SELL, price, qty));
    h.place(Command.Place.limit(ALICE, "ETH-USDC", Side.BUY, price, qty));
    Trade t = h.lastOf(Trade.class).get(0);
    // 1.25 ETH at 2000.5 = 2500.625 USDC; maker 5 bps = 1.250312 (rounded down), taker 10 bps.
    assertThat(t.makerFee()).isEqualTo(1_250_312);
    assertThat(t.takerFee()).isEqualTo(2_500_625);
    assertThat(h.avail(BOB, "USDC")).isEqualTo(2_500_625_000L - 1_250_312);
    assertThat(h.avail(ALICE, "ETH")).isEqualTo(qty);
    assertThat(h.avail(ALICE, "USDC")).isEqualTo(10_000_000_000L - 2_500_625_000L - 2_500_625);
  }

  @Test
  void pricesAndQuantitiesNearLongMax() {
    Harness h = Harness.simple();
    h.fund(ALICE, "USDC", Long.MAX_VALUE).fund(BOB, "ETH", Long.MAX_VALUE);
    h.assertRejected(new Command.Deposit(ALICE, "USDC", 1), RejectReason.OVERFLOW);
    // One ETH at Long.MAX_VALUE: the notional is exactly representable.
    h.assertRejected(
        Command.Place.limit(ALICE, "ETH-USDC", Side.BUY, Long.MAX_VALUE, 2), RejectReason.OVERFLOW);
    h.assertRejected(
        Command.Place.limit(BOB, "ETH-USDC", Side.SELL, 2, Long.MAX_VALUE), RejectReason.OVERFLOW);
    long ask = h.sell(BOB, Long.MAX_VALUE, 1);
    // A market buy's band limit would overflow past Long.MAX_VALUE.
    h.assertRejected(Command.Place.market(ALICE, "ETH-USDC", Side.BUY, 1), RejectReason.OVERFLOW);
    h.assertRejected(new Command.Replace(BOB, ask, 2, Long.MAX_VALUE), RejectReason.OVERFLOW);
    h.buy(ALICE, Long.MAX_VALUE, 1);
    assertThat(h.avail(BOB, "USDC")).isEqualTo(Long.MAX_VALUE);
    assertThat(h.avail(ALICE, "USDC")).isZero();
    // Long.MAX_VALUE - 1 ETH at price 1 is also representable.
    h.sell(BOB, 1, Long.MAX_VALUE - 1);
    assertThat(h.locked(BOB, "ETH")).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(h.engine.conservationHolds()).isTrue();
  }

  @Test
  void perLotFeesThatCouldOverflowAreRefusedUpFront() {
    MarketSpec spec =
        Harness.simple("ETH-USDC", new FeeSchedule(0, 0, 0, Long.MAX_VALUE / 2), 0, 1_000);
    Harness h = Harness.of(Engine.create(new EngineConfig(List.of(spec), Harness.DOMAIN)));
    h.fund(BOB, "ETH", 10);
    h.assertRejected(Command.Place.limit(BOB, "ETH-USDC", Side.SELL, 1, 3), RejectReason.OVERFLOW);
    h.sell(BOB, 1, 2);
  }
}
