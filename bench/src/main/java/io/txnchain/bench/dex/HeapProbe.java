package io.txnchain.bench.dex;

import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import io.txnchain.dex.book.FastOrderBook;
import io.txnchain.dex.book.MatchListener;
import io.txnchain.dex.engine.Command;
import io.txnchain.dex.engine.Engine;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * Heap used with many resting orders: heap in use after {@code System.gc()} (MemoryMXBean) before
 * and after filling a book with {@code orders} resting GTC orders that never cross (bids below,
 * asks above the centre price, {@code levels} price levels per side, sizes 1..100, random accounts
 * among {@code users}).
 */
public final class HeapProbe {
  private HeapProbe() {}

  /**
   * One measurement.
   *
   * @param what the structure measured
   * @param orders resting orders it held
   * @param baselineBytes heap used after GC before it was built
   * @param withOrdersBytes heap used after GC with it alive
   */
  public record Result(String what, int orders, long baselineBytes, long withOrdersBytes) {
    /** Bytes the structure itself holds. */
    public long deltaBytes() {
      return withOrdersBytes - baselineBytes;
    }
  }

  /** Heap used after a full collection (three {@code System.gc()} calls, a short pause between). */
  public static long usedAfterGc() {
    for (int k = 0; k < 3; k++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static final MatchListener NONE =
      new MatchListener() {
        @Override
        public void trade(long maker, long account, long price, long quantity, long remaining) {
          throw new IllegalStateException("orders crossed");
        }

        @Override
        public void makerExpired(long maker, long account, long price, long remaining) {
          throw new IllegalStateException("orders crossed");
        }

        @Override
        public void levelChanged(Side side, long price, long totalQuantity) {}
      };

  private static long priceOf(SplittableRandom rnd, boolean bid, int levels) {
    long off = 1 + rnd.nextInt(levels);
    return bid ? DexCommandStream.CENTER_PRICE - off : DexCommandStream.CENTER_PRICE + off;
  }

  /** Our {@link FastOrderBook} (default construction, as the engine builds it). */
  public static Result fastOrderBook(int orders, int users, int levels, long seed) {
    long before = usedAfterGc();
    FastOrderBook book = new FastOrderBook();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 1; i <= orders; i++) {
      boolean bid = (i & 1) == 0;
      book.submit(
          i,
          1 + rnd.nextInt(users),
          bid ? Side.BUY : Side.SELL,
          priceOf(rnd, bid, levels),
          1 + rnd.nextInt(100),
          true,
          SelfTradePrevention.EXPIRE_TAKER,
          0,
          NONE);
    }
    long after = usedAfterGc();
    int count = book.orderCount();
    Reference.reachabilityFence(book);
    return new Result("ours: FastOrderBook", count, before, after);
  }

  /**
   * Our whole {@link Engine} (book, accounts with balances and locks): {@code users} funded
   * accounts, then {@code orders} GTC orders placed through {@link Engine#apply}.
   */
  public static Result engine(int orders, int users, int levels, long seed) {
    long before = usedAfterGc();
    Engine e = Engine.create(OurRuns.config());
    OurRuns.DiscardingSink sink = new OurRuns.DiscardingSink();
    for (long u = 1; u <= users; u++) {
      e.apply(0, new Command.Deposit(u, OurRuns.QUOTE, OurRuns.QUOTE_DEPOSIT), sink);
      e.apply(0, new Command.Deposit(u, OurRuns.BASE, OurRuns.BASE_DEPOSIT), sink);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 1; i <= orders; i++) {
      boolean bid = (i & 1) == 0;
      e.apply(
          0,
          Command.Place.limit(
              1 + rnd.nextInt(users),
              OurRuns.MARKET,
              bid ? Side.BUY : Side.SELL,
              priceOf(rnd, bid, levels),
              1 + rnd.nextInt(100)),
          sink);
    }
    sink.last = null;
    long after = usedAfterGc();
    int count = e.restingOrders(OurRuns.MARKET);
    if (sink.rejections != 0) {
      throw new IllegalStateException(sink.rejections + " orders rejected");
    }
    Reference.reachabilityFence(e);
    return new Result("ours: Engine (book + " + users + " funded accounts)", count, before, after);
  }

  /** exchange-core's {@link OrderBookDirectImpl}, for comparison. */
  public static Result directBook(int orders, int users, int levels, long seed) {
    long before = usedAfterGc();
    OrderBookDirectImpl book = ExchangeCoreRuns.newDirectBook();
    SplittableRandom rnd = new SplittableRandom(seed);
    OrderCommand cmd = new OrderCommand();
    for (int i = 1; i <= orders; i++) {
      boolean bid = (i & 1) == 0;
      cmd.command = OrderCommandType.PLACE_ORDER;
      cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
      cmd.orderType = OrderType.GTC;
      cmd.orderId = i;
      cmd.uid = 1 + rnd.nextInt(users);
      cmd.action = bid ? OrderAction.BID : OrderAction.ASK;
      cmd.price = priceOf(rnd, bid, levels);
      cmd.reserveBidPrice = bid ? DexCommandStream.RESERVE_BID_PRICE : 0;
      cmd.size = 1 + rnd.nextInt(100);
      cmd.matcherEvent = null;
      book.newOrder(cmd);
    }
    cmd.matcherEvent = null;
    long after = usedAfterGc();
    int count = book.getOrdersNum(OrderAction.BID) + book.getOrdersNum(OrderAction.ASK);
    Reference.reachabilityFence(book);
    return new Result("exchange-core: OrderBookDirectImpl", count, before, after);
  }
}
