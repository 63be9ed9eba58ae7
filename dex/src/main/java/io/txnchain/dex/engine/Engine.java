package io.txnchain.dex.engine;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.BookVisitor;
import io.txnchain.dex.book.FastOrderBook;
import io.txnchain.dex.book.NaiveOrderBook;
import io.txnchain.dex.book.OrderBook;
import io.txnchain.dex.book.RestingOrder;
import io.txnchain.dex.book.StateDigest;
import io.txnchain.dex.book.TakerOutcome;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.dex.market.Pricing;
import io.txnchain.dex.order.OrderVerifier;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Pixie DEX exchange engine: accounts with available and locked balances per token, one order
 * book per market, settlement with fees, and replay-protected signed orders. It is a deterministic
 * function of its command sequence: no clock (the block time comes with each command), no
 * randomness, no hash-order iteration; {@link #stateHash()} is the replicas' divergence check.
 *
 * <p>Commands go in through {@link #apply}; events come out, in order, through the {@link
 * EventSink}. A refused command emits exactly one rejection event and changes nothing else.
 *
 * <p>Locking rules: accepting a buy locks {@link Pricing#buyLock} (notional at its limit plus the
 * larger of the maker and taker fee) in the quote token; accepting a sell locks its quantity in the
 * base token (see {@link Settlement} for fills). Cancel and expiry release what is left, so at
 * every moment an account's locked balance is exactly what its resting orders lock.
 *
 * <p>Order ids are {@code sequence << 16 | marketIndex} (markets indexed in symbol order), so a
 * cancel needs no market. {@link #create} uses {@link FastOrderBook}; {@link #naive} uses {@link
 * NaiveOrderBook} with the same (shared) balance logic, and tests drive both with the same
 * commands.
 */
public final class Engine {
  /** Most markets an engine can hold: the low 16 bits of an order id name its market. */
  public static final int MAX_MARKETS = 1 << 16;

  /** Longest client order id accepted. */
  public static final int MAX_CLIENT_ORDER_ID_LENGTH = 64;

  private static final int MARKET_BITS = 16;
  private static final int FLAG_POST_ONLY = 1;
  private static final int STP_SHIFT = 1;
  private static final long NO_ACCOUNT = Long.MIN_VALUE;

  private final EngineConfig config;
  private final MarketState[] markets;
  private final TreeMap<String, MarketState> marketBySymbol = new TreeMap<>();
  private final Ledger ledger;
  private final ClientOrderIds clientIds = new ClientOrderIds();
  private final Settlement settlement;
  private final SignedOrderIntake intake;
  private long nextOrderSeq = 1;
  private EventSink out = EventSink.NONE;

  private Engine(EngineConfig config, boolean naive) {
    this.config = config;
    this.intake = new SignedOrderIntake(new OrderVerifier(config.domain()));
    TreeSet<String> tokens = new TreeSet<>();
    TreeMap<String, MarketSpec> specs = new TreeMap<>();
    for (MarketSpec m : config.markets()) {
      tokens.add(m.baseToken());
      tokens.add(m.quoteToken());
      specs.put(m.symbol(), m);
    }
    ledger = new Ledger(tokens.toArray(new String[0]));
    settlement = new Settlement(ledger, clientIds);
    markets = new MarketState[specs.size()];
    int index = 0;
    for (MarketSpec spec : specs.values()) {
      OrderBook book = naive ? new NaiveOrderBook() : new FastOrderBook();
      MarketState m =
          new MarketState(
              index,
              spec,
              book,
              ledger.tokenIndex(spec.baseToken()),
              ledger.tokenIndex(spec.quoteToken()));
      markets[index++] = m;
      marketBySymbol.put(spec.symbol(), m);
      ledger.getOrCreate(spec.feeAccount());
    }
  }

  /** An engine with the fast order book. */
  public static Engine create(EngineConfig config) {
    return new Engine(config, false);
  }

  /** The reference engine: the same balance logic over {@link NaiveOrderBook}. */
  public static Engine naive(EngineConfig config) {
    return new Engine(config, true);
  }

  /** The configuration. */
  public EngineConfig config() {
    return config;
  }

  /**
   * Executes one command at block time {@code blockTimeMillis} and reports its events to {@code
   * sink} in order.
   */
  public void apply(long blockTimeMillis, Command command, EventSink sink) {
    out = sink;
    settlement.out = sink;
    try {
      if (command instanceof Command.Place p) {
        place(p);
      } else if (command instanceof Command.Cancel c) {
        cancel(c);
      } else if (command instanceof Command.Replace r) {
        replace(r);
      } else if (command instanceof Command.CancelByClientId c) {
        cancelByClientId(c);
      } else if (command instanceof Command.CancelAll c) {
        cancelAll(c);
      } else if (command instanceof Command.PlaceSigned s) {
        placeSigned(s, blockTimeMillis);
      } else if (command instanceof Command.Deposit d) {
        ledger.deposit(d, sink);
      } else if (command instanceof Command.Withdraw w) {
        ledger.withdraw(w, sink);
      } else if (command instanceof Command.SetFees f) {
        MarketState m = state(f.market());
        m.pricing = m.pricing.withCharged(f.fees());
      } else if (command instanceof Command.Register r) {
        sink.accept(new DexEvent.AccountRegistered(intake.register(r.address()), r.address()));
      } else {
        throw new IllegalArgumentException("unknown command " + command);
      }
    } finally {
      out = EventSink.NONE;
      settlement.out = EventSink.NONE;
    }
  }

  private void placeSigned(Command.PlaceSigned s, long blockTimeMillis) {
    Order o = s.order().order();
    SignedOrderIntake.Admission admission = intake.admit(s.order(), blockTimeMillis);
    if (admission.reason() != null) {
      out.accept(
          new DexEvent.OrderRejected(
              admission.account(), o.market(), 0, o.clientOrderId(), admission.reason()));
      return;
    }
    Command.Place p =
        new Command.Place(
            admission.account() < 0 ? NO_ACCOUNT : admission.account(),
            o.market(),
            o.side(),
            o.orderType(),
            o.price(),
            o.quantity(),
            o.timeInForce(),
            o.postOnly(),
            o.selfTradePrevention(),
            o.clientOrderId());
    if (place(p) != 0) {
      intake.record(o, admission.digest());
    }
  }

  /** Validates, locks, matches and rests; returns the new order id, or 0 if rejected. */
  private long place(Command.Place p) {
    MarketState m = p.market() == null ? null : marketBySymbol.get(p.market());
    if (m == null) {
      return rejectPlace(p, RejectReason.UNKNOWN_MARKET);
    }
    RejectReason shape = checkShape(p);
    if (shape != null) {
      return rejectPlace(p, shape);
    }
    Pricing px = m.pricing;
    Side side = p.side();
    boolean buy = side == Side.BUY;
    boolean isMarket = p.type() == OrderType.MARKET;
    if (!isMarket && !px.onTick(p.price())) {
      return rejectPlace(p, RejectReason.PRICE_OFF_TICK);
    }
    if (!px.onLot(p.quantity())) {
      return rejectPlace(p, RejectReason.QUANTITY_OFF_LOT);
    }
    long quantity = p.quantity();
    long limit = p.price();
    long reference = p.price();
    if (isMarket) {
      long best = m.book.bestPrice(side.opposite());
      if (best == 0) {
        return rejectPlace(p, RejectReason.NO_LIQUIDITY);
      }
      reference = m.lastTradePrice != 0 ? m.lastTradePrice : best;
      try {
        limit = px.bandLimit(side, reference);
      } catch (ArithmeticException e) {
        return rejectPlace(p, RejectReason.OVERFLOW);
      }
      if (buy ? best > limit : best < limit) {
        return rejectPlace(p, RejectReason.PRICE_BAND_EXCEEDED);
      }
    }
    long lock;
    long notional;
    try {
      notional = px.notional(reference, quantity);
      lock = buy ? px.buyLock(limit, quantity) : quantity;
      px.checkFeeRange(quantity);
    } catch (ArithmeticException e) {
      return rejectPlace(p, RejectReason.OVERFLOW);
    }
    if (notional < m.spec.minNotional()) {
      return rejectPlace(p, RejectReason.BELOW_MIN_NOTIONAL);
    }
    String clientId = clientIdOf(p.clientOrderId());
    Account a = ledger.get(p.account());
    if (clientId != null && clientIds.inUse(a, clientId)) {
      return rejectPlace(p, RejectReason.DUPLICATE_CLIENT_ID);
    }
    if (p.postOnly() && m.book.crosses(side, limit)) {
      return rejectPlace(p, RejectReason.POST_ONLY_WOULD_CROSS);
    }
    int token = buy ? m.quote : m.base;
    if (a == null || a.available[token] < lock) {
      return rejectPlace(p, RejectReason.INSUFFICIENT_BALANCE);
    }
    SelfTradePrevention stp = p.selfTradePrevention();
    if (p.timeInForce() == TimeInForce.FOK
        && m.book.fillable(a.id, side, limit, stp, quantity) < quantity) {
      return rejectPlace(p, RejectReason.FOK_CANNOT_FILL);
    }
    // Accepted: from here on nothing can be refused, and nothing can overflow (checked above).
    a.lock(token, lock);
    long orderId = (nextOrderSeq++ << MARKET_BITS) | m.index;
    out.accept(
        new DexEvent.OrderAccepted(
            orderId,
            a.id,
            m.symbol,
            side,
            p.type(),
            p.price(),
            quantity,
            p.timeInForce(),
            p.postOnly(),
            clientId));
    if (clientId != null) {
      clientIds.bind(a, clientId, orderId);
    }
    int flags = (p.postOnly() ? FLAG_POST_ONLY : 0) | (stp.code() << STP_SHIFT);
    boolean rest = !isMarket && p.timeInForce() == TimeInForce.GTC;
    runTaker(m, a, orderId, side, limit, quantity, rest, stp, flags);
    return orderId;
  }

  /** Field checks that need no market data; {@code null} when the shape is fine. */
  private static RejectReason checkShape(Command.Place p) {
    if (p.side() == null
        || p.type() == null
        || p.timeInForce() == null
        || p.selfTradePrevention() == null) {
      return RejectReason.INVALID_ORDER;
    }
    String clientId = p.clientOrderId();
    if (clientId != null && clientId.length() > MAX_CLIENT_ORDER_ID_LENGTH) {
      return RejectReason.INVALID_ORDER;
    }
    if (p.postOnly() && (p.type() != OrderType.LIMIT || p.timeInForce() != TimeInForce.GTC)) {
      return RejectReason.INVALID_ORDER;
    }
    if (p.type() == OrderType.MARKET && (p.timeInForce() == TimeInForce.GTC || p.price() != 0)) {
      return RejectReason.INVALID_ORDER;
    }
    return null;
  }

  private long rejectPlace(Command.Place p, RejectReason reason) {
    out.accept(
        new DexEvent.OrderRejected(
            p.account(), p.market(), 0, clientIdOf(p.clientOrderId()), reason));
    return 0;
  }

  /** Runs an accepted order against the book and settles what became of its open quantity. */
  private void runTaker(
      MarketState m,
      Account a,
      long orderId,
      Side side,
      long limit,
      long quantity,
      boolean rest,
      SelfTradePrevention stp,
      int flags) {
    settlement.beginTaker(m, a, orderId, side, limit, quantity);
    TakerOutcome outcome =
        m.book.submit(orderId, a.id, side, limit, quantity, rest, stp, flags, settlement);
    long remaining = settlement.endTaker();
    if (outcome == TakerOutcome.EXPIRED || outcome == TakerOutcome.SELF_TRADE) {
      Settlement.unlockOrder(m, a, side, limit, remaining);
      out.accept(
          new DexEvent.OrderExpired(
              orderId,
              a.id,
              remaining,
              outcome == TakerOutcome.SELF_TRADE
                  ? ExpireReason.SELF_TRADE_PREVENTION
                  : ExpireReason.UNFILLED_IMMEDIATE));
    }
    if (outcome != TakerOutcome.RESTED) {
      clientIds.unbind(orderId);
    }
  }

  private void cancel(Command.Cancel c) {
    MarketState m = marketOfOrder(c.orderId());
    RestingOrder o = m == null ? null : m.book.find(c.orderId());
    if (o == null) {
      rejectOrderCommand(c.account(), m, c.orderId(), null, RejectReason.UNKNOWN_ORDER);
      return;
    }
    if (o.account() != c.account()) {
      rejectOrderCommand(c.account(), m, c.orderId(), null, RejectReason.NOT_OWNER);
      return;
    }
    cancelResting(m, o);
  }

  private void cancelByClientId(Command.CancelByClientId c) {
    Account a = ledger.get(c.account());
    Long orderId = clientIds.find(a, c.clientOrderId());
    if (orderId == null) {
      rejectOrderCommand(c.account(), null, 0, c.clientOrderId(), RejectReason.UNKNOWN_ORDER);
      return;
    }
    MarketState m = marketOfOrder(orderId);
    cancelResting(m, m.book.find(orderId));
  }

  private void cancelAll(Command.CancelAll c) {
    if (c.market() != null) {
      MarketState m = marketBySymbol.get(c.market());
      if (m == null) {
        rejectOrderCommand(c.account(), null, 0, null, RejectReason.UNKNOWN_MARKET);
        return;
      }
      cancelAllIn(m, c.account());
      return;
    }
    for (MarketState m : markets) {
      cancelAllIn(m, c.account());
    }
  }

  private void cancelAllIn(MarketState m, long account) {
    for (long id : m.book.orderIdsOf(account)) {
      cancelResting(m, m.book.find(id));
    }
  }

  /** Unlocks, reports and removes a resting order. */
  private void cancelResting(MarketState m, RestingOrder o) {
    long id = o.id();
    long account = o.account();
    long remaining = o.remaining();
    Settlement.unlockOrder(m, ledger.get(account), o.side(), o.price(), remaining);
    out.accept(new DexEvent.OrderCancelled(id, account, remaining));
    clientIds.unbind(id);
    settlement.market = m;
    m.book.cancel(id, settlement);
  }

  private void replace(Command.Replace r) {
    MarketState m = marketOfOrder(r.orderId());
    RestingOrder o = m == null ? null : m.book.find(r.orderId());
    if (o == null) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.UNKNOWN_ORDER);
      return;
    }
    if (o.account() != r.account()) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.NOT_OWNER);
      return;
    }
    Pricing px = m.pricing;
    Side side = o.side();
    boolean buy = side == Side.BUY;
    long oldPrice = o.price();
    long oldRemaining = o.remaining();
    int flags = o.flags();
    if (!px.onTick(r.price())) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.PRICE_OFF_TICK);
      return;
    }
    if (!px.onLot(r.quantity())) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.QUANTITY_OFF_LOT);
      return;
    }
    long notional;
    long newLock;
    long oldLock;
    try {
      notional = px.notional(r.price(), r.quantity());
      newLock = buy ? px.buyLock(r.price(), r.quantity()) : r.quantity();
      px.checkFeeRange(r.quantity());
      oldLock = buy ? px.buyLock(oldPrice, oldRemaining) : oldRemaining;
    } catch (ArithmeticException e) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.OVERFLOW);
      return;
    }
    if (notional < m.spec.minNotional()) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.BELOW_MIN_NOTIONAL);
      return;
    }
    if ((flags & FLAG_POST_ONLY) != 0 && m.book.crosses(side, r.price())) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.POST_ONLY_WOULD_CROSS);
      return;
    }
    Account a = ledger.get(r.account());
    int token = buy ? m.quote : m.base;
    // available + oldLock cannot overflow: both are part of the token's deposited total.
    if (a.available[token] + oldLock < newLock) {
      rejectOrderCommand(r.account(), m, r.orderId(), null, RejectReason.INSUFFICIENT_BALANCE);
      return;
    }
    a.unlock(token, oldLock);
    a.lock(token, newLock);
    out.accept(new DexEvent.OrderReplaced(r.orderId(), a.id, r.price(), r.quantity()));
    settlement.market = m;
    m.book.cancel(r.orderId(), settlement);
    SelfTradePrevention stp = SelfTradePrevention.fromCode(flags >>> STP_SHIFT);
    runTaker(m, a, r.orderId(), side, r.price(), r.quantity(), true, stp, flags);
  }

  private void rejectOrderCommand(
      long account, MarketState m, long orderId, String clientId, RejectReason reason) {
    out.accept(
        new DexEvent.OrderRejected(
            account, m == null ? null : m.symbol, orderId, clientId, reason));
  }

  // ---------------------------------------------------------------- helpers

  private MarketState marketOfOrder(long orderId) {
    if (orderId <= 0) {
      return null;
    }
    int index = (int) (orderId & (MAX_MARKETS - 1));
    return index < markets.length ? markets[index] : null;
  }

  private static String clientIdOf(String clientOrderId) {
    return clientOrderId == null || clientOrderId.isEmpty() ? null : clientOrderId;
  }

  // ---------------------------------------------------------------- queries

  private int token(String token) {
    int t = ledger.tokenIndex(token);
    if (t < 0) {
      throw new IllegalArgumentException("unknown token " + token);
    }
    return t;
  }

  /** The tokens of all markets, sorted. */
  public List<String> tokens() {
    return List.of(ledger.tokens);
  }

  /** The available balance of {@code account} in {@code token}. */
  public long available(long account, String token) {
    Account a = ledger.get(account);
    return a == null ? 0 : a.available[token(token)];
  }

  /** The locked balance of {@code account} in {@code token}. */
  public long locked(long account, String token) {
    Account a = ledger.get(account);
    return a == null ? 0 : a.locked[token(token)];
  }

  /** Total deposited minus total withdrawn of {@code token}. */
  public long netDeposits(String token) {
    int t = token(token);
    return ledger.deposited[t] - ledger.withdrawn[t];
  }

  /** Total ever deposited of {@code token}; deposits are refused once it would overflow. */
  public long deposited(String token) {
    return ledger.deposited[token(token)];
  }

  /** The price of {@code market}'s last trade, 0 before the first. */
  public long lastTradePrice(String market) {
    return state(market).lastTradePrice;
  }

  /** The symbol of the market an order id belongs to, or {@code null} for no such market. */
  public String marketOf(long orderId) {
    MarketState m = marketOfOrder(orderId);
    return m == null ? null : m.symbol;
  }

  /** Ids of {@code account}'s resting orders: markets in symbol order, ids ascending in each. */
  public long[] openOrderIds(long account) {
    long[] all = new long[0];
    for (MarketState m : markets) {
      long[] ids = m.book.orderIdsOf(account);
      if (ids.length > 0) {
        long[] grown = java.util.Arrays.copyOf(all, all.length + ids.length);
        System.arraycopy(ids, 0, grown, all.length, ids.length);
        all = grown;
      }
    }
    return all;
  }

  /** The client order id of a resting order, or {@code null} when it has none. */
  public String clientOrderIdOf(long orderId) {
    return clientIds.clientIdOf(orderId);
  }

  /** Fees collected so far in {@code token}. */
  public long feesCollected(String token) {
    return ledger.feesCollected[token(token)];
  }

  /** The account id of {@code address}, or -1 if it is not registered. */
  public long accountOf(EthAddress address) {
    return intake.accountOf(address);
  }

  /** The address of account {@code account}, or {@code null} if there is no such account. */
  public EthAddress addressOf(long account) {
    return intake.addressOf(account);
  }

  /** The resting order with this id, or {@code null}; valid until the next command. */
  public RestingOrder order(long orderId) {
    MarketState m = marketOfOrder(orderId);
    return m == null ? null : m.book.find(orderId);
  }

  /** The best price on {@code side} of {@code market}, 0 if that side is empty. */
  public long bestPrice(String market, Side side) {
    return state(market).book.bestPrice(side);
  }

  /** Number of resting orders in {@code market}. */
  public int restingOrders(String market) {
    return state(market).book.orderCount();
  }

  /** The last public sequence number of {@code market}. */
  public long sequence(String market) {
    return state(market).sequence;
  }

  /** The canonical hash of {@code market}'s book. */
  public byte[] bookHash(String market) {
    return state(market).book.stateHash();
  }

  /** The fees {@code market} charges on fills now. */
  public FeeSchedule fees(String market) {
    return state(market).pricing.charged();
  }

  /** Walks {@code market}'s book in canonical order. */
  public void visitBook(String market, BookVisitor visitor) {
    state(market).book.visit(visitor);
  }

  private MarketState state(String market) {
    MarketState m = marketBySymbol.get(market);
    if (m == null) {
      throw new IllegalArgumentException("unknown market " + market);
    }
    return m;
  }

  // ---------------------------------------------------------------- state hash and invariants

  /**
   * SHA-256 over the canonical serialization of the whole engine: the order and trade counters; the
   * ledger (per token, sorted: deposited, withdrawn, fees; per account, ascending id: balances and
   * client order ids, sorted); per market (sorted) sequence, last trade price, the fees charged and
   * book hash; the address directory and the replay guard.
   */
  public byte[] stateHash() {
    StateDigest d = new StateDigest("pixie-dex-engine-v2");
    d.putLong(nextOrderSeq).putLong(settlement.nextTradeId);
    ledger.hashInto(d);
    d.putLong(markets.length);
    for (MarketState m : markets) {
      d.putString(m.symbol).putLong(m.sequence).putLong(m.lastTradePrice);
      FeeSchedule f = m.pricing.charged();
      d.putLong(f.makerBps()).putLong(f.takerBps()).putLong(f.makerPerLot());
      d.putLong(f.takerPerLot());
      d.putBytes(m.book.stateHash());
    }
    intake.hashInto(d);
    return d.finish();
  }

  /**
   * Whether, for every token, the balances of all accounts (fees included, since the fee accounts
   * are accounts) sum to deposits minus withdrawals, with no balance negative.
   */
  public boolean conservationHolds() {
    return ledger.conservationViolations().isEmpty();
  }

  /**
   * Checks conservation, that every locked balance equals what the account's resting orders lock,
   * and that client order ids point at resting orders of their account. Throws {@link
   * IllegalStateException} listing every violation.
   */
  public void checkInvariants() {
    List<String> problems = Invariants.violations(markets, ledger, clientIds);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
  }
}
