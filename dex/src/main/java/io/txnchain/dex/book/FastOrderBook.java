package io.txnchain.dex.book;

import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import java.util.Arrays;

/**
 * The production order book: levels in sorted arrays per side ({@link BookSide}), orders as pooled
 * intrusive nodes in per-level queues, and an open-addressing {@link LongMap} from order id to
 * node. Matching, resting and cancelling allocate nothing once the pools have warmed up.
 */
public final class FastOrderBook implements OrderBook {
  private final BookSide bids = new BookSide(Side.BUY);
  private final BookSide asks = new BookSide(Side.SELL);
  private final LongMap<OrderNode> orders;
  private OrderNode freeOrders;
  private PriceLevel freeLevels;

  /** An empty book. */
  public FastOrderBook() {
    this(1024);
  }

  /** An empty book sized for about {@code expectedOrders} resting orders. */
  public FastOrderBook(int expectedOrders) {
    orders = new LongMap<>(expectedOrders);
  }

  private BookSide sideOf(Side side) {
    return side == Side.BUY ? bids : asks;
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
    boolean buy = side == Side.BUY;
    BookSide opposite = buy ? asks : bids;
    long remaining = quantity;
    boolean stopped = false;
    PriceLevel level;
    while (remaining > 0 && (level = opposite.best()) != null) {
      long price = level.price;
      if (buy ? price > limitPrice : price < limitPrice) {
        break;
      }
      boolean changed = false;
      OrderNode maker = level.head;
      while (maker != null && remaining > 0) {
        OrderNode next = maker.next;
        if (maker.account == account) {
          if (stp == SelfTradePrevention.EXPIRE_TAKER) {
            stopped = true;
            break;
          }
          long makerRemaining = maker.remaining;
          long makerId = maker.id;
          level.unlink(maker);
          release(maker);
          changed = true;
          listener.makerExpired(makerId, account, price, makerRemaining);
          if (stp == SelfTradePrevention.EXPIRE_BOTH) {
            stopped = true;
            break;
          }
        } else {
          long traded = Math.min(remaining, maker.remaining);
          remaining -= traded;
          long makerRemaining = maker.remaining - traded;
          long makerId = maker.id;
          long makerAccount = maker.account;
          changed = true;
          if (makerRemaining == 0) {
            level.unlink(maker);
            release(maker);
          } else {
            maker.remaining = makerRemaining;
            level.total -= traded;
          }
          listener.trade(makerId, makerAccount, price, traded, makerRemaining);
        }
        maker = next;
      }
      if (changed) {
        listener.levelChanged(opposite.side, price, level.total);
      }
      if (level.count == 0) {
        opposite.remove(level);
        releaseLevel(level);
      }
      if (stopped) {
        break;
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
    OrderNode node = newOrder();
    node.id = orderId;
    node.account = account;
    node.side = side;
    node.price = limitPrice;
    node.remaining = remaining;
    node.flags = flags;
    BookSide own = buy ? bids : asks;
    PriceLevel target = own.get(limitPrice);
    if (target == null) {
      target = newLevel(limitPrice);
      own.insert(target);
    }
    target.append(node);
    orders.put(orderId, node);
    listener.levelChanged(side, limitPrice, target.total);
    return TakerOutcome.RESTED;
  }

  @Override
  public long cancel(long orderId, MatchListener listener) {
    OrderNode node = orders.get(orderId);
    if (node == null) {
      return -1;
    }
    long remaining = node.remaining;
    PriceLevel level = node.level;
    Side side = node.side;
    level.unlink(node);
    release(node);
    listener.levelChanged(side, level.price, level.total);
    if (level.count == 0) {
      sideOf(side).remove(level);
      releaseLevel(level);
    }
    return remaining;
  }

  @Override
  public RestingOrder find(long orderId) {
    return orders.get(orderId);
  }

  @Override
  public boolean crosses(Side side, long limitPrice) {
    PriceLevel best = sideOf(side.opposite()).best();
    if (best == null) {
      return false;
    }
    return side == Side.BUY ? best.price <= limitPrice : best.price >= limitPrice;
  }

  @Override
  public long fillable(
      long account, Side side, long limitPrice, SelfTradePrevention stp, long wanted) {
    BookSide opposite = sideOf(side.opposite());
    boolean buy = side == Side.BUY;
    long found = 0;
    for (int rank = 0; rank < opposite.size(); rank++) {
      PriceLevel level = opposite.atRank(rank);
      if (buy ? level.price > limitPrice : level.price < limitPrice) {
        break;
      }
      for (OrderNode o = level.head; o != null; o = o.next) {
        if (o.account == account) {
          if (stp != SelfTradePrevention.EXPIRE_MAKER) {
            return found;
          }
          continue;
        }
        found += Math.min(o.remaining, wanted - found);
        if (found >= wanted) {
          return found;
        }
      }
    }
    return found;
  }

  @Override
  public long bestPrice(Side side) {
    PriceLevel best = sideOf(side).best();
    return best == null ? 0 : best.price;
  }

  @Override
  public long[] orderIdsOf(long account) {
    long[] out = new long[16];
    int n = 0;
    for (BookSide s : new BookSide[] {bids, asks}) {
      for (int rank = 0; rank < s.size(); rank++) {
        for (OrderNode o = s.atRank(rank).head; o != null; o = o.next) {
          if (o.account == account) {
            if (n == out.length) {
              out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = o.id;
          }
        }
      }
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  @Override
  public int orderCount() {
    return orders.size();
  }

  @Override
  public void visit(BookVisitor visitor) {
    for (BookSide s : new BookSide[] {bids, asks}) {
      for (int rank = 0; rank < s.size(); rank++) {
        PriceLevel level = s.atRank(rank);
        visitor.level(s.side, level.price, level.total, level.count);
        for (OrderNode o = level.head; o != null; o = o.next) {
          visitor.order(o.id, o.account, o.remaining, o.flags);
        }
      }
    }
  }

  private OrderNode newOrder() {
    OrderNode node = freeOrders;
    if (node == null) {
      return new OrderNode();
    }
    freeOrders = node.next;
    node.next = null;
    return node;
  }

  /** Drops the node from the index and returns it to the pool; it must already be unlinked. */
  private void release(OrderNode node) {
    orders.remove(node.id);
    node.next = freeOrders;
    freeOrders = node;
  }

  private PriceLevel newLevel(long price) {
    PriceLevel level = freeLevels;
    if (level == null) {
      level = new PriceLevel();
    } else {
      freeLevels = level.nextFree;
      level.nextFree = null;
    }
    level.price = price;
    return level;
  }

  private void releaseLevel(PriceLevel level) {
    level.head = null;
    level.tail = null;
    level.total = 0;
    level.count = 0;
    level.nextFree = freeLevels;
    freeLevels = level;
  }
}
