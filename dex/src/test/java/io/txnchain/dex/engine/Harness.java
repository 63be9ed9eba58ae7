package io.txnchain.dex.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Eip712Domain;
import java.util.ArrayList;
import java.util.List;

/** An engine plus the events of the last command, with shortcuts for tests. */
final class Harness {
  static final long FEES = 0;
  static final long ALICE = 1;
  static final long BOB = 2;
  static final long CAROL = 3;
  static final long NOW = 1_800_000_000_000L;

  static final Eip712Domain DOMAIN =
      new Eip712Domain(
          31337,
          new EthAddress(
              new byte[] {
                (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc,
                    (byte) 0xcc,
                (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc,
                    (byte) 0xcc,
                (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc
              }));

  final Engine engine;
  final List<DexEvent> all = new ArrayList<>();
  List<DexEvent> last = new ArrayList<>();

  Harness(Engine engine) {
    this.engine = engine;
  }

  /** A unit-scaled market: tick 1, lot 1, quantityScale 1, so notional = price * quantity. */
  static MarketSpec simple(String symbol, FeeSchedule fees, long minNotional, long bandBps) {
    String[] parts = symbol.split("-");
    return new MarketSpec(symbol, parts[0], parts[1], 1, 1, 1, 1, minNotional, bandBps, fees, FEES);
  }

  /** ETH-USDC and BTC-USDC, unit-scaled, free, band 10%. */
  static Harness simple() {
    return simple(FeeSchedule.FREE);
  }

  static Harness simple(FeeSchedule fees) {
    return of(
        Engine.create(
            new EngineConfig(
                List.of(simple("ETH-USDC", fees, 0, 1_000), simple("BTC-USDC", fees, 0, 1_000)),
                DOMAIN)));
  }

  static Harness of(Engine engine) {
    return new Harness(engine);
  }

  List<DexEvent> run(Command c) {
    return run(NOW, c);
  }

  List<DexEvent> run(long now, Command c) {
    last = new ArrayList<>();
    engine.apply(now, c, last::add);
    all.addAll(last);
    engine.checkInvariants();
    return last;
  }

  Harness fund(long account, String token, long amount) {
    run(new Command.Deposit(account, token, amount));
    return this;
  }

  /** Places and returns the new order id (asserting acceptance). */
  long place(Command.Place p) {
    run(p);
    DexEvent first = last.get(0);
    assertThat(first).isInstanceOf(DexEvent.OrderAccepted.class);
    return ((DexEvent.OrderAccepted) first).orderId();
  }

  long buy(long account, long price, long qty) {
    return place(
        Command.Place.limit(account, "ETH-USDC", io.txnchain.wire.dex.Side.BUY, price, qty));
  }

  long sell(long account, long price, long qty) {
    return place(
        Command.Place.limit(account, "ETH-USDC", io.txnchain.wire.dex.Side.SELL, price, qty));
  }

  long avail(long account, String token) {
    return engine.available(account, token);
  }

  long locked(long account, String token) {
    return engine.locked(account, token);
  }

  /** Runs a command that must be refused with {@code reason} and change nothing. */
  void assertRejected(Command c, RejectReason reason) {
    byte[] before = engine.stateHash();
    run(c);
    assertThat(last).hasSize(1);
    DexEvent e = last.get(0);
    RejectReason got =
        e instanceof DexEvent.OrderRejected r
            ? r.reason()
            : e instanceof DexEvent.TransferRejected t ? t.reason() : null;
    assertThat(got).as("rejection of %s", c).isEqualTo(reason);
    assertThat(engine.stateHash()).as("state after rejected %s", c).isEqualTo(before);
  }

  <T extends DexEvent> List<T> lastOf(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (DexEvent e : last) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }
}
