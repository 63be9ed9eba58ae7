package io.txnchain.bench.dex;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.FastOrderBook;
import io.txnchain.dex.book.MatchListener;
import io.txnchain.dex.book.RestingOrder;
import io.txnchain.dex.engine.Command;
import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.Engine;
import io.txnchain.dex.engine.EngineConfig;
import io.txnchain.dex.engine.EventSink;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.List;

/** Our side: the matching core ({@link FastOrderBook}) alone, and the whole {@link Engine}. */
public final class OurRuns {
  /** The market: unit-scaled (tick 1, lot 1, quantity scale 1), so notional = price * lots. */
  public static final String MARKET = "ETH-USDC";

  /** Base token. */
  public static final String BASE = "ETH";

  /** Quote token. */
  public static final String QUOTE = "USDC";

  /** Fixed fee per lot in quote units, as in exchange-core's symbol (maker 1, taker 2). */
  public static final long MAKER_FEE_PER_LOT = 1;

  /** See {@link #MAKER_FEE_PER_LOT}. */
  public static final long TAKER_FEE_PER_LOT = 2;

  /** What every account is funded with, per token (as exchange-core's accounts). */
  public static final long QUOTE_DEPOSIT = 1_000_000_000_000L;

  /** See {@link #QUOTE_DEPOSIT}. */
  public static final long BASE_DEPOSIT = 1_000_000_000L;

  /** The fee account (not a trader). */
  public static final long FEE_ACCOUNT = 0;

  private static final int MARKET_BITS = 16;
  private static final long NOW = 1_800_000_000_000L;

  private OurRuns() {}

  /** The engine configuration: one market, fees per lot, band 100% (no market orders are sent). */
  public static EngineConfig config() {
    MarketSpec spec =
        new MarketSpec(
            MARKET,
            BASE,
            QUOTE,
            1,
            1,
            1,
            1,
            0,
            10_000,
            new FeeSchedule(0, 0, MAKER_FEE_PER_LOT, TAKER_FEE_PER_LOT),
            FEE_ACCOUNT);
    return new EngineConfig(List.of(spec), new Eip712Domain(31337, new EthAddress(new byte[20])));
  }

  /**
   * Our engine's id for the stream's order {@code n}: the engine numbers accepted orders 1, 2, 3,
   * ... and puts the market index (0 here) in the low 16 bits. Holds because every order of the
   * stream is accepted (checked: {@link RunResult#failures()} counts rejections).
   */
  public static long engineOrderId(long n) {
    return n << MARKET_BITS;
  }

  // ---------------------------------------------------------------------- (a) matching core

  /** Counts trades; ignores level changes. */
  static final class Tally implements MatchListener {
    long trades;
    long volume;

    @Override
    public void trade(
        long makerOrderId, long makerAccount, long price, long quantity, long makerRemaining) {
      trades++;
      volume += quantity;
    }

    @Override
    public void makerExpired(long makerOrderId, long makerAccount, long price, long remaining) {
      throw new IllegalStateException("self-trade prevention fired on order " + makerOrderId);
    }

    @Override
    public void levelChanged(Side side, long price, long totalQuantity) {}
  }

  /**
   * Applies commands {@code [from, to)} to the book, as the engine drives it: a move is find +
   * cancel + submit of the open quantity at the new price (to the back of the queue). Returns the
   * number of cancels or moves of an unknown order.
   */
  static long apply(FastOrderBook book, DexCommandStream s, int from, int to, MatchListener l) {
    long misses = 0;
    byte[] type = s.type;
    for (int i = from; i < to; i++) {
      switch (type[i]) {
        case DexCommandStream.GTC ->
            book.submit(
                s.orderId[i],
                s.user[i],
                s.sideOf(i),
                s.price[i],
                s.size[i],
                true,
                SelfTradePrevention.EXPIRE_TAKER,
                0,
                l);
        case DexCommandStream.IOC ->
            book.submit(
                s.orderId[i],
                s.user[i],
                s.sideOf(i),
                s.price[i],
                s.size[i],
                false,
                SelfTradePrevention.EXPIRE_TAKER,
                0,
                l);
        case DexCommandStream.CANCEL -> {
          if (book.cancel(s.orderId[i], l) < 0) {
            misses++;
          }
        }
        case DexCommandStream.MOVE -> {
          long id = s.orderId[i];
          RestingOrder o = book.find(id);
          if (o == null) {
            misses++;
            break;
          }
          long account = o.account();
          Side side = o.side();
          long open = o.remaining();
          book.cancel(id, l);
          book.submit(
              id, account, side, s.price[i], open, true, SelfTradePrevention.EXPIRE_TAKER, 0, l);
        }
        default -> throw new IllegalStateException("unknown command type " + type[i]);
      }
    }
    return misses;
  }

  /** (a) Our matching core, one thread: a fresh book, the prefill untimed, the stream timed. */
  public static RunResult matchingCore(DexCommandStream s) {
    FastOrderBook book = new FastOrderBook();
    Tally prefill = new Tally();
    apply(book, s, 0, s.prefill, prefill);
    Tally tally = new Tally();
    long c0 = RunResult.threadCpu();
    long t0 = System.nanoTime();
    long misses = apply(book, s, s.prefill, s.length, tally);
    long nanos = System.nanoTime() - t0;
    long cpu = RunResult.threadCpu() - c0;
    return new RunResult(
        "ours: FastOrderBook",
        nanos,
        cpu,
        s.timedCommands(),
        tally.trades,
        tally.volume,
        misses,
        book.orderCount());
  }

  // ---------------------------------------------------------------------- (b) full engine

  /**
   * Counts trades and rejections and otherwise drops events. It keeps a reference to the last
   * event, so the JIT cannot elide the event objects: every event is built as a real consumer would
   * receive it.
   */
  static final class DiscardingSink implements EventSink {
    long events;
    long trades;
    long volume;
    long rejections;
    DexEvent last;

    @Override
    public void accept(DexEvent event) {
      events++;
      last = event;
      if (event instanceof DexEvent.Trade t) {
        trades++;
        volume += t.quantity();
      } else if (event instanceof DexEvent.OrderRejected) {
        rejections++;
      }
    }
  }

  /** The stream as engine commands, built once before any timing. */
  public static Command[] engineCommands(DexCommandStream s) {
    Command[] out = new Command[s.length];
    for (int i = 0; i < s.length; i++) {
      long account = s.user[i];
      out[i] =
          switch (s.type[i]) {
            case DexCommandStream.GTC ->
                Command.Place.limit(account, MARKET, s.sideOf(i), s.price[i], s.size[i]);
            case DexCommandStream.IOC ->
                new Command.Place(
                    account,
                    MARKET,
                    s.sideOf(i),
                    OrderType.LIMIT,
                    s.price[i],
                    s.size[i],
                    TimeInForce.IOC,
                    false,
                    SelfTradePrevention.EXPIRE_TAKER,
                    null);
            case DexCommandStream.CANCEL ->
                new Command.Cancel(account, engineOrderId(s.orderId[i]));
            case DexCommandStream.MOVE ->
                new Command.Replace(account, engineOrderId(s.orderId[i]), s.price[i], s.size[i]);
            default -> throw new IllegalStateException("unknown command type " + s.type[i]);
          };
    }
    return out;
  }

  /** A fresh engine with every account funded and the prefill applied. */
  static Engine preparedEngine(DexCommandStream s, Command[] cmds) {
    Engine e = Engine.create(config());
    DiscardingSink setup = new DiscardingSink();
    for (long u = 1; u <= s.params.users(); u++) {
      e.apply(NOW, new Command.Deposit(u, QUOTE, QUOTE_DEPOSIT), setup);
      e.apply(NOW, new Command.Deposit(u, BASE, BASE_DEPOSIT), setup);
    }
    for (int i = 0; i < s.prefill; i++) {
      e.apply(NOW, cmds[i], setup);
    }
    if (setup.rejections != 0) {
      throw new IllegalStateException(setup.rejections + " setup commands rejected");
    }
    return e;
  }

  /**
   * (b) Our whole engine, one thread: validation, balance checks and locks, fees, settlement and
   * events (to {@link DiscardingSink}) for each command.
   */
  public static RunResult engine(DexCommandStream s, Command[] cmds) {
    Engine e = preparedEngine(s, cmds);
    DiscardingSink sink = new DiscardingSink();
    long c0 = RunResult.threadCpu();
    long t0 = System.nanoTime();
    for (int i = s.prefill; i < s.length; i++) {
      e.apply(NOW, cmds[i], sink);
    }
    long nanos = System.nanoTime() - t0;
    long cpu = RunResult.threadCpu() - c0;
    return new RunResult(
        "ours: Engine",
        nanos,
        cpu,
        s.timedCommands(),
        sink.trades,
        sink.volume,
        sink.rejections,
        e.restingOrders(MARKET));
  }

  /** Runs the engine over the whole stream once more and checks its invariants at the end. */
  public static void checkEngineInvariants(DexCommandStream s, Command[] cmds) {
    Engine e = preparedEngine(s, cmds);
    DiscardingSink sink = new DiscardingSink();
    for (int i = s.prefill; i < s.length; i++) {
      e.apply(NOW, cmds[i], sink);
    }
    e.checkInvariants();
  }
}
