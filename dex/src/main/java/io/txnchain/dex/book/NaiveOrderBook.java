package io.txnchain.dex.book;

import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference order book: a {@code TreeMap} from price to an {@code ArrayList} queue per side,
 * best price first, and a {@code TreeMap} from id to order. Written to be obviously correct, not
 * fast; tests drive it beside {@link FastOrderBook} and compare every listener call and hash.
 */
public final class NaiveOrderBook implements OrderBook {
  private final TreeMap<Long, List<Entry>> bids = new TreeMap<>(Comparator.reverseOrder());
  private final TreeMap<Long, List<Entry>> asks = new TreeMap<>();
  private final TreeMap<Long, Entry> byId = new TreeMap<>();

  private static final class Entry implements RestingOrder {
    final long id;
    final long account;
    final Side side;
    final long price;
    final int flags;
    long remaining;

    Entry(long id, long account, Side side, long price, long remaining, int flags) {
      this.id = id;
      this.account = account;
      this.side = side;
      this.price = price;
      this.remaining = remaining;
      this.flags = flags;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public long account() {
      return account;
    }

    @Override
    public Side side() {
      return side;
    }

    @Override
    public long price() {
      return price;
    }

    @Override
    public long remaining() {
      return remaining;
    }

    @Override
    public int flags() {
      return flags;
    }
  }

  private TreeMap<Long, List<Entry>> book(Side side) {
    return side == Side.BUY ? bids : asks;
  }

  private static boolean acceptable(Side takerSide, long levelPrice, long limitPrice) {
    return takerSide == Side.BUY ? levelPrice <= limitPrice : levelPrice >= limitPrice;
  }

  private static long total(List<Entry> queue) {
    long sum = 0;
    for (Entry e : queue) {
      sum += e.remaining;
    }
    return sum;
  }

  @Override
  public TakerOutcome submit(
      long orderId,
      long account,
      Side side,
      long limitPrice,
      long quantity,
      boolean rest,
      SelfTradePrevention stp,
      int flags,
      MatchListener listener) {
    TreeMap<Long, List<Entry>> opposite = book(side.opposite());
    long remaining = quantity;
    boolean stopped = false;
    while (remaining > 0 && !stopped && !opposite.isEmpty()) {
      long price = opposite.firstKey();
      if (!acceptable(side, price, limitPrice)) {
        break;
      }
      List<Entry> queue = opposite.get(price);
      boolean changed = false;
      int i = 0;
      while (i < queue.size() && remaining > 0) {
        Entry maker = queue.get(i);
        if (maker.account == account) {
          if (stp == SelfTradePrevention.EXPIRE_TAKER) {
            stopped = true;
            break;
          }
          queue.remove(i);
          byId.remove(maker.id);
          changed = true;
          listener.makerExpired(maker.id, maker.account, price, maker.remaining);
          if (stp == SelfTradePrevention.EXPIRE_BOTH) {
            stopped = true;
            break;
          }
          continue;
        }
        long traded = Math.min(remaining, maker.remaining);
        remaining -= traded;
        maker.remaining -= traded;
        changed = true;
        if (maker.remaining == 0) {
          queue.remove(i);
          byId.remove(maker.id);
        } else {
          i++;
        }
        listener.trade(maker.id, maker.account, price, traded, maker.remaining);
      }
      if (changed) {
        listener.levelChanged(side.opposite(), price, total(queue));
      }
      if (queue.isEmpty()) {
        opposite.remove(price);
      }
    }
    if (remaining == 0) {
      return TakerOutcome.FILLED;
    }
    if (stopped) {
      return TakerOutcome.SELF_TRADE;
    }
    if (!rest) {
      return TakerOutcome.EXPIRED;
    }
    Entry entry = new Entry(orderId, account, side, limitPrice, remaining, flags);
    List<Entry> queue = book(side).get(limitPrice);
    if (queue == null) {
      queue = new ArrayList<>();
      book(side).put(limitPrice, queue);
    }
    queue.add(entry);
    byId.put(orderId, entry);
    listener.levelChanged(side, limitPrice, total(queue));
    return TakerOutcome.RESTED;
  }

  @Override
  public long cancel(long orderId, MatchListener listener) {
    Entry entry = byId.remove(orderId);
    if (entry == null) {
      return -1;
    }
    TreeMap<Long, List<Entry>> own = book(entry.side);
    List<Entry> queue = own.get(entry.price);
    queue.remove(entry);
    listener.levelChanged(entry.side, entry.price, total(queue));
    if (queue.isEmpty()) {
      own.remove(entry.price);
    }
    return entry.remaining;
  }

  @Override
  public RestingOrder find(long orderId) {
    return byId.get(orderId);
  }

  @Override
  public boolean crosses(Side side, long limitPrice) {
    TreeMap<Long, List<Entry>> opposite = book(side.opposite());
    return !opposite.isEmpty() && acceptable(side, opposite.firstKey(), limitPrice);
  }

  @Override
  public long fillable(
      long account, Side side, long limitPrice, SelfTradePrevention stp, long wanted) {
    long found = 0;
    for (Map.Entry<Long, List<Entry>> level : book(side.opposite()).entrySet()) {
      if (!acceptable(side, level.getKey(), limitPrice)) {
        break;
      }
      for (Entry maker : level.getValue()) {
        if (maker.account == account) {
          if (stp == SelfTradePrevention.EXPIRE_MAKER) {
            continue;
          }
          return found;
        }
        found = Math.min(wanted, found + maker.remaining);
        if (found == wanted) {
          return found;
        }
      }
    }
    return found;
  }

  @Override
  public long bestPrice(Side side) {
    TreeMap<Long, List<Entry>> own = book(side);
    return own.isEmpty() ? 0 : own.firstKey();
  }

  @Override
  public long[] orderIdsOf(long account) {
    List<Long> ids = new ArrayList<>();
    for (Entry e : byId.values()) {
      if (e.account == account) {
        ids.add(e.id);
      }
    }
    long[] out = new long[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.get(i);
    }
    return out;
  }

  @Override
  public int orderCount() {
    return byId.size();
  }

  @Override
  public void visit(BookVisitor visitor) {
    for (Side side : new Side[] {Side.BUY, Side.SELL}) {
      for (Map.Entry<Long, List<Entry>> level : book(side).entrySet()) {
        List<Entry> queue = level.getValue();
        visitor.level(side, level.getKey(), total(queue), queue.size());
        for (Entry e : queue) {
          visitor.order(e.id, e.account, e.remaining, e.flags);
        }
      }
    }
  }
}
