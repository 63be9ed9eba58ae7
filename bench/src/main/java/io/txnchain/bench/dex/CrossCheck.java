package io.txnchain.bench.dex;

import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookNaiveImpl;
import io.txnchain.dex.book.FastOrderBook;
import io.txnchain.dex.book.MatchListener;
import io.txnchain.wire.dex.Side;

/**
 * Drives our {@link FastOrderBook} and exchange-core's reference {@link OrderBookNaiveImpl} in
 * lockstep over a prefix of the stream and compares, after every command, the trades it caused
 * (maker order id, price and quantity, in order) and, at the end, the resting orders.
 */
public final class CrossCheck {
  private CrossCheck() {}

  /**
   * What the comparison found.
   *
   * @param commands timed commands compared (after the prefill)
   * @param oursTrades trades in our book
   * @param oursVolume quantity traded in our book
   * @param theirsTrades trades in exchange-core's naive book
   * @param theirsVolume quantity traded in exchange-core's naive book
   * @param commandsDiffering commands whose trades differ
   * @param firstDifference description of the first difference, or {@code null}
   * @param oursResting our resting orders at the end
   * @param theirsResting exchange-core's resting orders at the end
   * @param theirsFailures exchange-core commands with a result other than SUCCESS
   */
  public record Result(
      int commands,
      long oursTrades,
      long oursVolume,
      long theirsTrades,
      long theirsVolume,
      int commandsDiffering,
      String firstDifference,
      int oursResting,
      int theirsResting,
      long theirsFailures) {

    /** Whether both books did exactly the same. */
    public boolean identical() {
      return commandsDiffering == 0
          && oursTrades == theirsTrades
          && oursVolume == theirsVolume
          && oursResting == theirsResting
          && theirsFailures == 0;
    }
  }

  /** Records the trades of one command as (maker id, price, quantity) triples. */
  private static final class Trades implements MatchListener {
    long[] buf = new long[3 * 64];
    int n;
    long total;
    long volume;

    void add(long maker, long price, long qty) {
      if (n + 3 > buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      buf[n++] = maker;
      buf[n++] = price;
      buf[n++] = qty;
      total++;
      volume += qty;
    }

    @Override
    public void trade(
        long makerOrderId, long makerAccount, long price, long quantity, long makerRemaining) {
      add(makerOrderId, price, quantity);
    }

    @Override
    public void makerExpired(long makerOrderId, long makerAccount, long price, long remaining) {
      throw new IllegalStateException("self-trade prevention fired on order " + makerOrderId);
    }

    @Override
    public void levelChanged(Side side, long price, long totalQuantity) {}
  }

  /** Compares the prefill plus the first {@code timedPrefix} timed commands. */
  public static Result run(DexCommandStream s, int timedPrefix) {
    int end = Math.min(s.length, s.prefill + timedPrefix);
    FastOrderBook ours = new FastOrderBook();
    OrderBookNaiveImpl theirs = ExchangeCoreRuns.newNaiveBook();
    OrderCommand cmd = new OrderCommand();
    Trades mine = new Trades();
    Trades other = new Trades();
    int differing = 0;
    String first = null;
    long theirsFailures = 0;
    for (int i = 0; i < end; i++) {
      if (i == s.prefill) {
        mine.total = mine.volume = other.total = other.volume = 0;
      }
      mine.n = 0;
      other.n = 0;
      OurRuns.apply(ours, s, i, i + 1, mine);
      ExchangeCoreRuns.load(cmd, s, i);
      if (IOrderBook.processCommand(theirs, cmd) != CommandResultCode.SUCCESS) {
        theirsFailures++;
      }
      for (MatcherTradeEvent e = cmd.matcherEvent; e != null; e = e.nextEvent) {
        if (e.eventType == MatcherEventType.TRADE) {
          other.add(e.matchedOrderId, e.price, e.size);
        }
      }
      if (!java.util.Arrays.equals(mine.buf, 0, mine.n, other.buf, 0, other.n)) {
        differing++;
        if (first == null) {
          first =
              "command "
                  + i
                  + " ("
                  + DexCommandStream.TYPE_NAMES[s.type[i]]
                  + " order "
                  + s.orderId[i]
                  + "): ours "
                  + triples(mine)
                  + ", exchange-core "
                  + triples(other);
        }
      }
    }
    int theirsResting = theirs.getOrdersNum(OrderAction.BID) + theirs.getOrdersNum(OrderAction.ASK);
    return new Result(
        end - s.prefill,
        mine.total,
        mine.volume,
        other.total,
        other.volume,
        differing,
        first,
        ours.orderCount(),
        theirsResting,
        theirsFailures);
  }

  private static String triples(Trades t) {
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < t.n; k += 3) {
      if (k > 0) {
        b.append(", ");
      }
      b.append(t.buf[k]).append('@').append(t.buf[k + 1]).append('x').append(t.buf[k + 2]);
    }
    return b.append(']').toString();
  }
}
