package io.txnchain.dex.app;

import static io.txnchain.dex.app.DexFixture.ALICE;
import static io.txnchain.dex.app.DexFixture.BOB;
import static io.txnchain.dex.app.DexFixture.CAROL;
import static io.txnchain.dex.app.DexFixture.addr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node that restarts (a new app object over the same state) rebuilds the same engine. */
class DexAppRestartTest {
  final DexFixture dex = new DexFixture();

  /** Deposits, resting orders, trades, a cancel and a withdrawal. */
  private void trade() {
    dex.deposit(ALICE, "USDC", "50000");
    dex.deposit(BOB, "ETH", "5");
    dex.deposit(CAROL, "BTC", "1");
    dex.place(dex.limit(BOB, Side.SELL, "2000", "1").clientId("a"));
    dex.place(dex.limit(BOB, Side.SELL, "2010", "1"));
    dex.place(dex.limit(ALICE, Side.BUY, "2005", "1.5"));
    dex.place(dex.limit(ALICE, Side.BUY, "1990", "2").tif(TimeInForce.GTC));
    dex.ok(BOB, "{\"op\":\"cancelAll\"}");
    dex.ok(ALICE, "{\"op\":\"withdraw\",\"token\":\"ETH\",\"amount\":\"0.25\"}");
    dex.place(dex.limit(CAROL, Side.SELL, "60000", "0.5").market("BTC-USDC"));
  }

  private static String markets() {
    return "{\"op\":\"markets\"}";
  }

  @Test
  void aNewAppRebuildsTheSameEngineAndCarriesOnIdentically() throws Exception {
    trade();
    byte[] hash = dex.app.engineStateHash();
    TestLedger other = dex.ledger.copy();
    DexApp restarted = new DexApp(dex.config);
    assertThat(restarted.engineStateHash()).isNull();

    TestLedger.Result rebuilt = other.run(restarted, addr(CAROL), false, markets());
    assertThat(restarted.engineStateHash()).isEqualTo(hash);
    assertThat(rebuilt.output()).isEqualTo(dex.runUnsealed(CAROL, markets()).output());

    List<String> inputs = new ArrayList<>();
    inputs.add(dex.limit(BOB, Side.SELL, "1990", "0.5").json());
    inputs.add("{\"op\":\"trades\",\"market\":\"ETH-USDC\"}");
    inputs.add("{\"op\":\"balances\"}");
    inputs.add("{\"op\":\"book\",\"market\":\"ETH-USDC\"}");
    for (String input : inputs) {
      TestLedger.Result a = dex.run(BOB, input);
      TestLedger.Result b = other.run(restarted, addr(BOB), true, input);
      assertThat(b.output()).isEqualTo(a.output());
      assertThat(b.events()).isEqualTo(a.events());
    }
    assertThat(other.privateState.snapshot()).isEqualTo(dex.ledger.privateState.snapshot());
    assertThat(other.publicState.snapshot()).isEqualTo(dex.ledger.publicState.snapshot());
    assertThat(restarted.engineStateHash()).isEqualTo(dex.app.engineStateHash());
  }

  @Test
  void replaysALogLongerThanOneScanChunk() throws Exception {
    for (int i = 0; i < CommandLog.CHUNK + 44; i++) {
      dex.deposit(i % 2 == 0 ? ALICE : BOB, i % 2 == 0 ? "USDC" : "ETH", "1." + i);
    }
    trade();
    assertThat(CommandLog.head(dex.ledger.privateState).seq()).isGreaterThan(CommandLog.CHUNK);
    DexApp restarted = new DexApp(dex.config);
    dex.ledger.run(restarted, addr(CAROL), false, markets());
    assertThat(restarted.engineStateHash()).isEqualTo(dex.app.engineStateHash());
  }

  @Test
  void aStateHashThatReplayDoesNotReproduceStopsTheApp() throws Exception {
    trade();
    byte[] head = dex.ledger.privateState.get(CommandLog.HEAD);
    head[head.length - 1] ^= 1;
    dex.ledger.privateState.put(CommandLog.HEAD, head);
    dex.app = new DexApp(dex.config);

    assertThatThrownBy(() -> dex.runUnsealed(CAROL, markets()))
        .isInstanceOf(io.txnchain.tee.app.AppHaltedException.class)
        .hasMessageContaining("diverged");
    // Stays stopped, without replaying again.
    assertThatThrownBy(() -> dex.runUnsealed(CAROL, markets()))
        .isInstanceOf(io.txnchain.tee.app.AppHaltedException.class)
        .hasMessageContaining("diverged");
  }

  @Test
  void anotherConfigurationStopsTheApp() {
    trade();
    DexConfig dev = dex.config;
    List<MarketSpec> markets = new ArrayList<>();
    for (MarketSpec m : dev.markets()) {
      markets.add(
          new MarketSpec(
              m.symbol(),
              m.baseToken(),
              m.quoteToken(),
              m.priceScale(),
              m.quantityScale(),
              m.tickSize(),
              m.lotSize(),
              m.minNotional(),
              m.priceBandBps(),
              FeeSchedule.bps(0, 10),
              m.feeAccount()));
    }
    dex.app = new DexApp(new DexConfig(dev.tokens(), markets, dev.domain(), true));
    assertThatThrownBy(() -> dex.runUnsealed(CAROL, markets()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("configuration");
  }

  @Test
  void aMissingLogEntryStopsTheApp() {
    trade();
    dex.ledger.privateState.delete(CommandLog.key(CommandLog.LOG_PREFIX, 2));
    dex.app = new DexApp(dex.config);
    assertThatThrownBy(() -> dex.runUnsealed(CAROL, markets()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("entry 2 is missing");
  }

  @Test
  void anEngineAheadOfTheLedgerIsRebuiltFromIt() {
    dex.deposit(ALICE, "USDC", "100");
    TestLedger before = dex.ledger.copy();
    dex.deposit(ALICE, "USDC", "50");
    assertThat(dex.balances(ALICE)).containsEntry("USDC", List.of("150", "0"));

    // The block with the second deposit never made it to storage; the app object lives on.
    dex.ledger.privateState = before.privateState;
    dex.ledger.publicState = before.publicState;
    assertThat(dex.balances(ALICE)).containsEntry("USDC", List.of("100", "0"));
  }

  @Test
  void theLogHoldsDecodedCommandsNotTheSealedInput() {
    dex.deposit(ALICE, "USDC", "10000");
    TestLedger.Result placed = dex.place(dex.limit(ALICE, Side.BUY, "1999", "1"));
    byte[] entry = dex.ledger.privateState.get(CommandLog.key(CommandLog.LOG_PREFIX, 2));
    LoggedCommand logged = LoggedCommand.decode(entry);
    assertThat(logged.txId()).isEqualTo(placed.txId());
    assertThat(logged.blockTimeMillis()).isEqualTo(dex.ledger.timeMillis);
    assertThat(logged.command()).isInstanceOf(AppCommand.PlaceOrder.class);
    assertThat(((AppCommand.PlaceOrder) logged.command()).order().order().price())
        .isEqualTo(DexFixture.usdc("1999"));
  }
}
