package io.txnchain.bench.dex;

import io.txnchain.dex.book.BookVisitor;
import io.txnchain.dex.book.FastOrderBook;
import io.txnchain.dex.book.MatchListener;
import io.txnchain.dex.book.RestingOrder;
import io.txnchain.dex.book.TakerOutcome;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import java.util.SplittableRandom;

/**
 * A seeded command stream for one market, precomputed into primitive arrays so that no generation
 * happens while an engine is timed. Both engines of the side-by-side benchmark replay exactly these
 * arrays.
 *
 * <p>Commands {@code [0, prefill)} are passive GTC orders that build the initial book (about {@code
 * targetBook} resting orders); they are applied before the clock starts. Commands {@code [prefill,
 * length)} are the timed stream: each is drawn as 50% GTC limit, 10% IOC limit, 30% cancel, 10%
 * cancel-replace (move), in that ratio exactly unless the book is empty (then a cancel or move is
 * replaced by a passive GTC order; {@link #fallbacks} counts those).
 *
 * <p>The generator simulates the book while it generates (with {@link FastOrderBook}), so that
 * cancels and moves always name a resting order, the book stays near {@code targetBook} (a GTC
 * order crosses the spread more often when the book is above target), and a move carries the
 * order's open quantity at that moment. The two engines differ in two ways this stream stays clear
 * of:
 *
 * <ul>
 *   <li>exchange-core has no self-trade prevention (an order trades with its own account's orders)
 *       while our engine expires the taker: the generator never lets an order reach a resting order
 *       of its own account (the taker's account is redrawn, or a move goes away from the spread);
 *   <li>exchange-core's move changes only the price and keeps the open quantity, while our replace
 *       sets a new price and quantity: the stream's move carries the current open quantity, so both
 *       mean the same thing. A move always changes the price (both lose time priority either way).
 * </ul>
 *
 * <p>Prices are integer ticks around {@value #CENTER_PRICE}, sizes integer lots; one tick times one
 * lot is one quote unit (both engines are configured that way).
 */
public final class DexCommandStream {
  /**
   * A GTC limit order: {@code orderId} is new, {@code price} its limit, {@code size} its quantity.
   */
  public static final byte GTC = 0;

  /** An IOC limit order: as {@link #GTC}, the unfilled rest expires. */
  public static final byte IOC = 1;

  /** Cancels resting order {@code orderId} of {@code user}. */
  public static final byte CANCEL = 2;

  /**
   * Moves resting order {@code orderId} of {@code user} to {@code price}; {@code size} is its open
   * quantity at that moment (what our replace command needs; exchange-core's move keeps it anyway).
   */
  public static final byte MOVE = 3;

  /** Side codes in {@link #side}. */
  public static final byte BUY = 0;

  /** Side codes in {@link #side}. */
  public static final byte SELL = 1;

  /** The price the book starts around. */
  public static final long CENTER_PRICE = 100_000;

  /** No generated price is below this. */
  public static final long MIN_PRICE = 50_000;

  /** No generated price is above this. */
  public static final long MAX_PRICE = 150_000;

  /**
   * The reserve price exchange-core's risk engine holds quote funds for on a bid (it must be at
   * least the order's price, and a bid can only be moved up to it).
   */
  public static final long RESERVE_BID_PRICE = 2 * MAX_PRICE;

  /** How far behind the best opposite price passive orders rest, at most (ticks). */
  private static final int PASSIVE_DEPTH = 500;

  /** Names of the command types, by code. */
  public static final String[] TYPE_NAMES = {"GTC", "IOC", "cancel", "move"};

  /** Generation parameters. */
  public record Params(int users, int targetBook, int commands, long seed) {
    /** The issue's stream: 10,000 users, ~1,000 resting orders, 3,000,000 commands. */
    public static Params issue() {
      return new Params(10_000, 1_000, 3_000_000, 42);
    }
  }

  /** The parameters this stream was generated with. */
  public final Params params;

  /** Commands before this index build the initial book and are not timed. */
  public final int prefill;

  /** Number of commands, prefill included. */
  public final int length;

  /** The command type ({@link #GTC}, {@link #IOC}, {@link #CANCEL}, {@link #MOVE}). */
  public final byte[] type;

  /** {@link #BUY} or {@link #SELL}; for cancel and move, the side of the resting order. */
  public final byte[] side;

  /** The account, 1..users. */
  public final int[] user;

  /** New orders: the new id (1, 2, 3, ... in order of placement); cancel/move: the target. */
  public final long[] orderId;

  /** Limit price (GTC, IOC) or new price (move); 0 for cancel. */
  public final long[] price;

  /** Quantity (GTC, IOC), open quantity of the moved order (move); 0 for cancel. */
  public final long[] size;

  /** Number of new orders (GTC and IOC, prefill included): the highest order id. */
  public final long ordersPlaced;

  /** Timed commands per type, indexed by type code. */
  public final int[] typeCounts = new int[4];

  /** Cancels or moves drawn while the book was empty and replaced by a passive GTC order. */
  public final int fallbacks;

  /** Trades in the timed part, as the generator's own simulation saw them. */
  public final long expectedTrades;

  /** Quantity traded in the timed part, as the generator's own simulation saw it. */
  public final long expectedVolume;

  /** Timed commands that produced at least one trade. */
  public final int commandsWithTrades;

  /** Fewest, most and mean resting orders after each timed command. */
  public final int minBook;

  /** See {@link #minBook}. */
  public final int maxBook;

  /** See {@link #minBook}. */
  public final double meanBook;

  /** Resting orders and price levels (both sides) after the last command. */
  public final int finalOrders;

  /** See {@link #finalOrders}. */
  public final int finalLevels;

  private DexCommandStream(Params p, Gen g) {
    params = p;
    prefill = g.prefill;
    length = g.n;
    type = g.type;
    side = g.side;
    user = g.user;
    orderId = g.orderId;
    price = g.price;
    size = g.size;
    ordersPlaced = g.nextId - 1;
    System.arraycopy(g.typeCounts, 0, typeCounts, 0, 4);
    fallbacks = g.fallbacks;
    expectedTrades = g.trades;
    expectedVolume = g.volume;
    commandsWithTrades = g.commandsWithTrades;
    minBook = g.minBook;
    maxBook = g.maxBook;
    meanBook = g.bookSum / (double) Math.max(1, p.commands());
    finalOrders = g.book.orderCount();
    int[] levels = new int[1];
    g.book.visit(
        new BookVisitor() {
          @Override
          public void level(Side s, long levelPrice, long totalQuantity, int orderCount) {
            levels[0]++;
          }

          @Override
          public void order(long id, long account, long remaining, int flags) {}
        });
    finalLevels = levels[0];
  }

  /** Generates the stream for {@code p}; deterministic in {@code p}. */
  public static DexCommandStream generate(Params p) {
    if (p.users() < 2 || p.targetBook() < 1 || p.commands() < 1) {
      throw new IllegalArgumentException("need users >= 2, targetBook >= 1, commands >= 1");
    }
    Gen g = new Gen(p);
    g.run();
    return new DexCommandStream(p, g);
  }

  /** Number of timed commands. */
  public int timedCommands() {
    return length - prefill;
  }

  /** The book side of command {@code i}. */
  public Side sideOf(int i) {
    return side[i] == BUY ? Side.BUY : Side.SELL;
  }

  /** The generator: draws commands and applies them to its own book as it goes. */
  private static final class Gen implements MatchListener {
    final Params p;
    final SplittableRandom rnd;
    final FastOrderBook book;
    final int n;
    final byte[] type;
    final byte[] side;
    final int[] user;
    final long[] orderId;
    final long[] price;
    final long[] size;

    // Resting orders by id: a dense list for uniform picks, and per-account intrusive lists for the
    // self-trade check. Ids are 1..n, so plain arrays index them.
    final int[] resting;
    int restingCount;
    final int[] pos;
    final int[] owner;
    final byte[] sideOf;
    final long[] priceOf;
    final int[] userHead;
    final int[] userNext;
    final int[] userPrev;

    int next;
    int prefill;
    long nextId = 1;
    boolean timed;
    final int[] typeCounts = new int[4];
    int fallbacks;
    long trades;
    long volume;
    long tradesBefore;
    int commandsWithTrades;
    int minBook = Integer.MAX_VALUE;
    int maxBook;
    long bookSum;
    long lastMid = CENTER_PRICE;

    Gen(Params p) {
      this.p = p;
      rnd = new SplittableRandom(p.seed());
      book = new FastOrderBook(p.targetBook() * 2);
      n = p.targetBook() + p.commands();
      type = new byte[n];
      side = new byte[n];
      user = new int[n];
      orderId = new long[n];
      price = new long[n];
      size = new long[n];
      resting = new int[n + 1];
      pos = new int[n + 1];
      owner = new int[n + 1];
      sideOf = new byte[n + 1];
      priceOf = new long[n + 1];
      userHead = new int[p.users() + 1];
      userNext = new int[n + 1];
      userPrev = new int[n + 1];
    }

    void run() {
      for (int k = 0; k < p.targetBook(); k++) {
        passiveGtc(rnd.nextBoolean() ? BUY : SELL);
      }
      prefill = next;
      timed = true;
      for (int c = 0; c < p.commands(); c++) {
        tradesBefore = trades;
        int r = rnd.nextInt(100);
        if (r < 50) {
          gtc();
        } else if (r < 60) {
          ioc();
        } else if (r < 90) {
          if (restingCount == 0) {
            fallbacks++;
            passiveGtc(rnd.nextBoolean() ? BUY : SELL);
          } else {
            cancel();
          }
        } else {
          if (restingCount == 0) {
            fallbacks++;
            passiveGtc(rnd.nextBoolean() ? BUY : SELL);
          } else {
            move();
          }
        }
        if (trades != tradesBefore) {
          commandsWithTrades++;
        }
        int b = restingCount;
        minBook = Math.min(minBook, b);
        maxBook = Math.max(maxBook, b);
        bookSum += b;
      }
      if (next != n) {
        throw new IllegalStateException("generated " + next + " commands, expected " + n);
      }
      if (restingCount != book.orderCount()) {
        throw new IllegalStateException("resting index out of step with the book");
      }
    }

    // ------------------------------------------------------------------ prices and sides

    long bestBid() {
      return book.bestPrice(Side.BUY);
    }

    long bestAsk() {
      return book.bestPrice(Side.SELL);
    }

    long mid() {
      long bb = bestBid();
      long ba = bestAsk();
      if (bb > 0 && ba > 0) {
        lastMid = (bb + ba) / 2;
      } else if (bb > 0) {
        lastMid = bb + 1;
      } else if (ba > 0) {
        lastMid = ba - 1;
      }
      return lastMid;
    }

    /** A taker's side, leaning against the drift of the mid price so that prices stay in range. */
    byte takerSide() {
      double lean = (mid() - CENTER_PRICE) / 20_000.0;
      double pBuy = 0.5 - Math.max(-0.3, Math.min(0.3, lean));
      return rnd.nextDouble() < pBuy ? BUY : SELL;
    }

    /** A price that does not cross: behind the best opposite price, skewed towards the spread. */
    long passivePrice(byte s) {
      int offset = rnd.nextInt(1 + rnd.nextInt(PASSIVE_DEPTH));
      if (s == BUY) {
        long ba = bestAsk();
        long top = ba > 0 ? ba - 1 : Math.max(bestBid(), mid());
        long px = Math.max(MIN_PRICE, top - offset);
        return ba > 0 ? Math.min(px, ba - 1) : px;
      }
      long bb = bestBid();
      long top = bb > 0 ? bb + 1 : Math.max(bestAsk() > 0 ? bestAsk() : 0, mid());
      long px = Math.min(MAX_PRICE, top + offset);
      return bb > 0 ? Math.max(px, bb + 1) : px;
    }

    int randomUser() {
      return 1 + rnd.nextInt(p.users());
    }

    /**
     * Whether {@code u} has a resting order that a {@code s} order limited at {@code limit}
     * reaches.
     */
    boolean conflicts(int u, byte s, long limit) {
      for (int id = userHead[u]; id != 0; id = userNext[id]) {
        if (sideOf[id] != s && (s == BUY ? priceOf[id] <= limit : priceOf[id] >= limit)) {
          return true;
        }
      }
      return false;
    }

    int takerUser(byte s, long limit) {
      for (int tries = 0; tries < 1000; tries++) {
        int u = randomUser();
        if (!conflicts(u, s, limit)) {
          return u;
        }
      }
      throw new IllegalStateException("no account without a self-trade found");
    }

    // ------------------------------------------------------------------ commands

    int emit(byte t, byte s, int u, long id, long px, long qty) {
      int i = next++;
      type[i] = t;
      side[i] = s;
      user[i] = u;
      orderId[i] = id;
      price[i] = px;
      size[i] = qty;
      if (timed) {
        typeCounts[t]++;
      }
      return i;
    }

    void passiveGtc(byte s) {
      long px = passivePrice(s);
      place(GTC, s, randomUser(), px, 1 + rnd.nextInt(100));
    }

    void gtc() {
      double fill = restingCount / (double) p.targetBook();
      double pCross = Math.max(0.0, Math.min(0.9, 0.05 + 2.0 * (fill - 1.0)));
      if (rnd.nextDouble() >= pCross) {
        passiveGtc(rnd.nextBoolean() ? BUY : SELL);
        return;
      }
      byte s = takerSide();
      long opposite = s == BUY ? bestAsk() : bestBid();
      if (opposite == 0) {
        passiveGtc(s);
        return;
      }
      long through = rnd.nextInt(3);
      long px = s == BUY ? opposite + through : opposite - through;
      place(GTC, s, takerUser(s, px), px, 1 + rnd.nextInt(150));
    }

    void ioc() {
      byte s = takerSide();
      long opposite = s == BUY ? bestAsk() : bestBid();
      long px;
      if (opposite == 0) {
        px = mid();
      } else {
        // -1 .. +4 ticks through the best opposite price; at -1 nothing can fill.
        long through = rnd.nextInt(6) - 1;
        px = s == BUY ? opposite + through : opposite - through;
      }
      place(IOC, s, takerUser(s, px), px, 1 + rnd.nextInt(150));
    }

    void place(byte t, byte s, int u, long px, long qty) {
      long id = nextId++;
      emit(t, s, u, id, px, qty);
      TakerOutcome out =
          book.submit(
              id,
              u,
              s == BUY ? Side.BUY : Side.SELL,
              px,
              qty,
              t == GTC,
              SelfTradePrevention.EXPIRE_TAKER,
              0,
              this);
      if (out == TakerOutcome.SELF_TRADE) {
        throw new IllegalStateException("generated a self-trade at order " + id);
      }
      if (out == TakerOutcome.RESTED) {
        addResting((int) id, u, s, px);
      }
    }

    void cancel() {
      int id = resting[rnd.nextInt(restingCount)];
      emit(CANCEL, sideOf[id], owner[id], id, 0, 0);
      if (book.cancel(id, this) < 0) {
        throw new IllegalStateException("cancel of a missing order " + id);
      }
      removeResting(id);
    }

    void move() {
      int id = resting[rnd.nextInt(restingCount)];
      RestingOrder o = book.find(id);
      int u = owner[id];
      byte s = sideOf[id];
      long old = o.price();
      long open = o.remaining();
      long delta = 1 + rnd.nextInt(8);
      // Towards the spread (may cross and trade) or away from it, half and half.
      boolean towards = rnd.nextBoolean();
      long px = newPrice(s, old, delta, towards);
      if (towards && conflicts(u, s, px)) {
        px = newPrice(s, old, delta, false);
      }
      if (px == old) {
        throw new IllegalStateException("move to the same price");
      }
      emit(MOVE, s, u, id, px, open);
      book.cancel(id, this);
      removeResting(id);
      Side bookSide = s == BUY ? Side.BUY : Side.SELL;
      TakerOutcome out =
          book.submit(id, u, bookSide, px, open, true, SelfTradePrevention.EXPIRE_TAKER, 0, this);
      if (out == TakerOutcome.SELF_TRADE) {
        throw new IllegalStateException("generated a self-trade moving order " + id);
      }
      if (out == TakerOutcome.RESTED) {
        addResting(id, u, s, px);
      }
    }

    static long newPrice(byte s, long old, long delta, boolean towards) {
      boolean up = (s == BUY) == towards;
      long px = up ? old + delta : old - delta;
      if (px > MAX_PRICE || px < MIN_PRICE) {
        px = up ? old - delta : old + delta;
      }
      return px;
    }

    // ------------------------------------------------------------------ resting index

    void addResting(int id, int u, byte s, long px) {
      pos[id] = restingCount;
      resting[restingCount++] = id;
      owner[id] = u;
      sideOf[id] = s;
      priceOf[id] = px;
      int head = userHead[u];
      userNext[id] = head;
      userPrev[id] = 0;
      if (head != 0) {
        userPrev[head] = id;
      }
      userHead[u] = id;
    }

    void removeResting(int id) {
      int at = pos[id];
      int last = resting[--restingCount];
      resting[at] = last;
      pos[last] = at;
      int u = owner[id];
      int prev = userPrev[id];
      int nxt = userNext[id];
      if (prev == 0) {
        userHead[u] = nxt;
      } else {
        userNext[prev] = nxt;
      }
      if (nxt != 0) {
        userPrev[nxt] = prev;
      }
      userNext[id] = 0;
      userPrev[id] = 0;
    }

    // ------------------------------------------------------------------ MatchListener

    @Override
    public void trade(
        long makerOrderId, long makerAccount, long tradePrice, long quantity, long makerRemaining) {
      if (timed) {
        trades++;
        volume += quantity;
      }
      if (makerRemaining == 0) {
        removeResting((int) makerOrderId);
      }
    }

    @Override
    public void makerExpired(long makerOrderId, long makerAccount, long px, long remaining) {
      throw new IllegalStateException("self-trade prevention fired in the generator");
    }

    @Override
    public void levelChanged(Side s, long px, long totalQuantity) {}
  }
}
