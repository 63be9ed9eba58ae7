package io.txnchain.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.txnchain.dex.app.DexApp;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.app.TokenSpec;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.FixedPoint;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.node.rpc.JsonRpcDispatcher;
import io.txnchain.store.OrderBookStore;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Depth;
import io.txnchain.store.model.Interval;
import io.txnchain.store.model.OrderState;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.model.Trade;
import io.txnchain.store.projection.Projection;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST endpoints under {@code /api/v1} (docs/trading-api.md). Public reads come from the
 * order-book store; orders and cancels are forwarded to the ledger as the signed transactions the
 * client built; private reads are for the owner of a wallet signature.
 */
final class RestApi {
  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
  static final String BASE = "/api/v1";
  private static final int MAX_LIMIT = 1000;

  private final Projection projection;
  private final OrderBookStore store;
  private final Views views;
  private final DexConfig config;
  private final JsonRpcDispatcher rpc;
  private final RequestAuth auth;
  private final RateLimiter perIp;
  private final RateLimiter perAccount;
  private final Clock clock;
  private volatile long rebuildTarget;
  private Thread rebuildThread;

  RestApi(
      Projection projection,
      Views views,
      DexConfig config,
      JsonRpcDispatcher rpc,
      RequestAuth auth,
      RateLimiter perIp,
      RateLimiter perAccount,
      Clock clock) {
    this.projection = projection;
    this.store = projection.store();
    this.views = views;
    this.config = config;
    this.rpc = rpc;
    this.auth = auth;
    this.perIp = perIp;
    this.perAccount = perAccount;
    this.clock = clock;
  }

  private volatile java.util.function.Function<MarketSpec, FeeSchedule> fees = MarketSpec::fees;

  /** Where the fees a market charges now come from; by default its listed schedule. */
  void useFees(java.util.function.Function<MarketSpec, FeeSchedule> fees) {
    this.fees = fees;
  }

  void install(Javalin app) {
    app.get(BASE + "/exchangeInfo", guarded(this::exchangeInfo));
    app.get(BASE + "/depth", guarded(this::depth));
    app.get(BASE + "/trades", guarded(this::trades));
    app.get(BASE + "/klines", guarded(this::klines));
    app.get(BASE + "/ticker/24hr", guarded(this::ticker));
    app.post(BASE + "/order", guarded(ctx -> forward(ctx, ApiError.ORDER_REJECTED)));
    app.delete(BASE + "/order", guarded(ctx -> forward(ctx, ApiError.CANCEL_REJECTED)));
    app.delete(BASE + "/openOrders", guarded(ctx -> forward(ctx, ApiError.CANCEL_REJECTED)));
    app.get(BASE + "/order", guarded(this::order));
    app.get(BASE + "/openOrders", guarded(this::openOrders));
    app.get(BASE + "/allOrders", guarded(this::allOrders));
    app.get(BASE + "/myTrades", guarded(this::myTrades));
    app.get(BASE + "/account", guarded(this::account));
    app.get(BASE + "/admin/store", guarded(this::storeStatus));
    app.post(BASE + "/admin/store/rebuild", guarded(this::rebuild));
    app.get(
        BASE + "/*",
        guarded(
            ctx -> {
              throw new ApiException(ApiError.NOT_FOUND, "no such endpoint");
            }));
  }

  /** Applies the per-address rate limit and turns refusals into {code, msg} answers. */
  private Handler guarded(Handler h) {
    return ctx -> {
      try {
        limit(perIp, "ip:" + ctx.ip());
        if (projection.rebuilding()
            && ctx.method() == io.javalin.http.HandlerType.GET
            && !ctx.path().startsWith(BASE + "/admin/")) {
          throw new ApiException(
              ApiError.NOT_READY, "the order-book store is being rebuilt from the ledger");
        }
        h.handle(ctx);
      } catch (ApiException e) {
        error(ctx, e);
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, new ApiException(ApiError.INTERNAL, "the node failed to answer"));
      }
    };
  }

  static void error(Context ctx, ApiException e) {
    ObjectNode body = Views.JSON.createObjectNode();
    body.put("code", e.error().code());
    body.put("msg", e.getMessage());
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    ctx.status(e.error().httpStatus()).contentType("application/json").result(body.toString());
  }

  private void limit(RateLimiter limiter, String key) {
    long wait = limiter.acquire(key, System.nanoTime());
    if (wait > 0) {
      throw new ApiException(
          ApiError.TOO_MANY_REQUESTS,
          "over " + limiter.perSecond() + " requests per second; retry after " + wait + " s",
          wait);
    }
  }

  private static void json(Context ctx, JsonNode body) {
    ctx.contentType("application/json").result(body.toString());
  }

  // ---- public market data

  private void exchangeInfo(Context ctx) {
    ObjectNode n = Views.JSON.createObjectNode();
    n.put("serverTime", clock.millis());
    n.put("storeHeight", store.appliedHeight());
    n.set("domain", OrderJson.domain(config.domain()));
    ArrayNode limits = n.putArray("rateLimits");
    limits
        .addObject()
        .put("rateLimitType", "REQUESTS")
        .put("scope", "IP")
        .put("perSecond", perIp.perSecond())
        .put("burst", perIp.burst());
    limits
        .addObject()
        .put("rateLimitType", "REQUESTS")
        .put("scope", "ACCOUNT")
        .put("perSecond", perAccount.perSecond())
        .put("burst", perAccount.burst());
    ArrayNode markets = n.putArray("markets");
    for (MarketSpec m : config.markets()) {
      TokenSpec base = config.token(m.baseToken());
      TokenSpec quote = config.token(m.quoteToken());
      ObjectNode o = markets.addObject();
      o.put("market", m.symbol());
      o.put("status", "TRADING");
      o.put("baseAsset", m.baseToken());
      o.put("quoteAsset", m.quoteToken());
      o.put("baseAssetPrecision", base.decimals());
      o.put("quoteAssetPrecision", quote.decimals());
      o.put("tickSize", views.price(m.symbol(), m.tickSize()));
      o.put("lotSize", views.qty(m.symbol(), m.lotSize()));
      o.put("minNotional", views.quote(m.symbol(), m.minNotional()));
      o.put("priceBandBps", m.priceBandBps());
      feesInto(o.putObject("fees"), m, fees.apply(m));
      // What buy orders lock for and the most governance may set (docs/governance.md).
      feesInto(o.putObject("feeCap"), m, m.fees());
    }
    json(ctx, n);
  }

  private void feesInto(ObjectNode n, MarketSpec m, FeeSchedule f) {
    n.put("makerBps", f.makerBps());
    n.put("takerBps", f.takerBps());
    n.put("makerPerLot", views.quote(m.symbol(), f.makerPerLot()));
    n.put("takerPerLot", views.quote(m.symbol(), f.takerPerLot()));
    n.put("token", m.quoteToken());
  }

  private void depth(Context ctx) {
    String market = market(ctx, true);
    int limit = limit(ctx, 100);
    Depth d = projection.read(() -> store.depth(market, limit));
    ObjectNode n = Views.JSON.createObjectNode();
    n.put("market", market);
    n.put("lastUpdateId", d.lastUpdateId());
    n.set("bids", views.levels(market, d.bids()));
    n.set("asks", views.levels(market, d.asks()));
    json(ctx, n);
  }

  private void trades(Context ctx) {
    String market = market(ctx, true);
    int limit = limit(ctx, 500);
    ArrayNode a = Views.JSON.createArrayNode();
    for (Trade t : store.trades(market, limit)) {
      a.add(views.trade(t));
    }
    json(ctx, a);
  }

  private void klines(Context ctx) {
    String market = market(ctx, true);
    String code = ctx.queryParam("interval");
    if (code == null) {
      throw new ApiException(ApiError.MANDATORY_PARAM_MISSING, "interval is required");
    }
    Interval iv =
        Interval.of(code)
            .orElseThrow(
                () -> new ApiException(ApiError.BAD_INTERVAL, "interval must be 1m, 5m, 1h or 1d"));
    int limit = limit(ctx, 500);
    Long start = longParam(ctx, "startTime");
    Long end = longParam(ctx, "endTime");
    long to = end != null ? end : Long.MAX_VALUE;
    long from;
    if (start != null) {
      from = start;
    } else {
      long last = end != null ? iv.openTime(end) : iv.openTime(clock.millis());
      from = last - (limit - 1L) * iv.millis();
    }
    if (start != null && end != null && start > end) {
      throw new ApiException(ApiError.ILLEGAL_PARAM, "startTime is after endTime");
    }
    ArrayNode a = Views.JSON.createArrayNode();
    for (Candle c : store.candles(market, iv, from, to, limit)) {
      a.add(views.kline(c));
    }
    json(ctx, a);
  }

  private void ticker(Context ctx) {
    String market = market(ctx, false);
    long now = clock.millis();
    if (market != null) {
      json(ctx, ticker(market, now));
      return;
    }
    ArrayNode a = Views.JSON.createArrayNode();
    for (MarketSpec m : config.markets()) {
      a.add(ticker(m.symbol(), now));
    }
    json(ctx, a);
  }

  private ObjectNode ticker(String market, long now) {
    long since = now - Interval.D1.millis();
    List<Candle> cs = store.candles(market, Interval.M1, Interval.M1.openTime(since), now, 1441);
    long open = 0;
    long high = 0;
    long low = 0;
    long last = 0;
    long volume = 0;
    long quoteVolume = 0;
    long count = 0;
    for (Candle c : cs) {
      if (count == 0) {
        open = c.open();
        low = c.low();
      }
      high = Math.max(high, c.high());
      low = Math.min(low, c.low());
      last = c.close();
      volume = Math.addExact(volume, c.volume());
      quoteVolume = Math.addExact(quoteVolume, c.quoteVolume());
      count += c.trades();
    }
    long change = last - open;
    long changeBps =
        open == 0
            ? 0
            : BigInteger.valueOf(change)
                .multiply(BigInteger.valueOf(10_000))
                .divide(BigInteger.valueOf(open))
                .longValueExact();
    ObjectNode o = Views.JSON.createObjectNode();
    o.put("market", market);
    o.put("openPrice", views.price(market, open));
    o.put("highPrice", views.price(market, high));
    o.put("lowPrice", views.price(market, low));
    o.put("lastPrice", views.price(market, last));
    o.put("priceChange", views.price(market, change));
    o.put("priceChangePercent", FixedPoint.format(changeBps, 100));
    o.put("volume", views.qty(market, volume));
    o.put("quoteVolume", views.quote(market, quoteVolume));
    o.put("openTime", since);
    o.put("closeTime", now);
    o.put("count", count);
    return o;
  }

  // ---- orders: forwarded to the ledger

  private void forward(Context ctx, ApiError rejected) {
    if (ctx.bodyAsBytes().length > 4 * 1024 * 1024) {
      throw new ApiException(ApiError.TOO_LARGE, "request body over 4 MiB");
    }
    JsonNode body;
    try {
      body = Views.JSON.readTree(ctx.bodyAsBytes());
    } catch (java.io.IOException e) {
      throw new ApiException(ApiError.ILLEGAL_PARAM, "body is not JSON");
    }
    if (body == null || !body.path("tx").isTextual()) {
      throw new ApiException(ApiError.MANDATORY_PARAM_MISSING, "body must be {\"tx\": \"<hex>\"}");
    }
    String hex = body.path("tx").asText();
    Transaction tx;
    try {
      tx = Transaction.decode(Hex.decode(hex.startsWith("0x") ? hex.substring(2) : hex));
    } catch (WireFormatException | RuntimeException e) {
      throw new ApiException(ApiError.INVALID_TRANSACTION, "tx is not a signed transaction");
    }
    if (tx.kind() != TxKind.WORK_ORDER || !DexApp.NAME.equals(tx.app())) {
      throw new ApiException(
          ApiError.INVALID_TRANSACTION, "tx must be a work order for app " + DexApp.NAME);
    }
    ObjectNode req = Views.JSON.createObjectNode();
    req.put("jsonrpc", "2.0");
    req.put("id", 1);
    req.put("method", "txn_process");
    req.putObject("params").put("tx", hex);
    CompletableFuture<JsonNode> answer = rpc.handle(req.toString());
    ctx.future(
        () ->
            answer
                .thenAccept(resp -> answerForwarded(ctx, resp, rejected))
                .exceptionally(
                    t -> {
                      LOG.error("forwarding a transaction failed", t);
                      error(ctx, new ApiException(ApiError.INTERNAL, "the node failed to answer"));
                      return null;
                    }));
  }

  private static void answerForwarded(Context ctx, JsonNode resp, ApiError rejected) {
    JsonNode err = resp.path("error");
    if (!err.isMissingNode() && !err.isNull()) {
      error(ctx, mapRpcError(err.path("code").asInt(), err.path("message").asText(), rejected));
      return;
    }
    JsonNode r = resp.path("result");
    ObjectNode out = Views.JSON.createObjectNode();
    out.put("txId", r.path("workOrderId").asText());
    out.put("height", r.path("height").asLong());
    out.put("status", r.path("status").asText());
    boolean sealed = r.path("sealed").asBoolean(false);
    out.put("sealed", sealed);
    if (sealed) {
      out.put("sealedResult", r.path("sealedResult").asText());
    } else if (r.has("result")) {
      out.set("result", r.get("result"));
    }
    json(ctx, out);
  }

  static ApiException mapRpcError(int code, String message, ApiError rejected) {
    switch (code) {
      case -32022:
        return new ApiException(rejected, message);
      case -32013:
        return new ApiException(ApiError.DUPLICATE_TRANSACTION, message);
      case -32001:
        return new ApiException(ApiError.TOO_LARGE, message);
      case -32002:
      case -32003:
      case -32004:
        return new ApiException(ApiError.NOT_READY, message);
      case -32602:
      case -32010:
      case -32011:
      case -32012:
      case -32014:
      case -32015:
      case -32016:
      case -32020:
      case -32021:
        return new ApiException(ApiError.INVALID_TRANSACTION, message);
      default:
        return new ApiException(ApiError.INTERNAL, "the node failed to answer");
    }
  }

  // ---- private reads

  private String owner(Context ctx) {
    String owner =
        auth.verify(
            ctx.method().name(),
            ctx.path(),
            ctx.queryString(),
            ctx.header(RequestAuth.HEADER_ADDRESS),
            ctx.header(RequestAuth.HEADER_TIMESTAMP),
            ctx.header(RequestAuth.HEADER_SIGNATURE),
            clock.millis());
    limit(perAccount, "account:" + owner);
    return owner;
  }

  private void order(Context ctx) {
    String owner = owner(ctx);
    Long id = longParam(ctx, "orderId");
    if (id == null) {
      throw new ApiException(ApiError.MANDATORY_PARAM_MISSING, "orderId is required");
    }
    OrderState o =
        store
            .order(id)
            .filter(s -> s.owner().equals(owner) && !s.status().equals("pending"))
            .orElseThrow(() -> new ApiException(ApiError.NO_SUCH_ORDER, "no such order"));
    json(ctx, views.order(o));
  }

  private void openOrders(Context ctx) {
    String owner = owner(ctx);
    String market = market(ctx, false);
    json(ctx, orders(store.ordersOf(owner, market, true, MAX_LIMIT)));
  }

  private void allOrders(Context ctx) {
    String owner = owner(ctx);
    String market = market(ctx, false);
    json(ctx, orders(store.ordersOf(owner, market, false, limit(ctx, 500))));
  }

  private ArrayNode orders(List<OrderState> list) {
    ArrayNode a = Views.JSON.createArrayNode();
    for (OrderState o : list) {
      a.add(views.order(o));
    }
    return a;
  }

  private void myTrades(Context ctx) {
    String owner = owner(ctx);
    String market = market(ctx, false);
    ArrayNode a = Views.JSON.createArrayNode();
    for (Trade t : store.tradesOf(owner, market, limit(ctx, 500))) {
      a.add(views.myTrade(t, owner));
    }
    json(ctx, a);
  }

  private void account(Context ctx) {
    String owner = owner(ctx);
    ObjectNode n = Views.JSON.createObjectNode();
    n.put("address", owner);
    n.put("canTrade", true);
    n.put("openOrders", store.ordersOf(owner, null, true, MAX_LIMIT).size());
    // The host cannot read balances; it serves the snapshot the enclave sealed to the owner.
    n.putNull("balances");
    SealedBalances sealed = store.sealedBalances(owner).orElse(null);
    if (sealed == null) {
      n.putNull("sealedBalances");
      n.put(
          "balancesNote",
          "balances are private to the enclave: register a view key with the DEX setViewKey"
              + " command to get them sealed to it here, or read them with the sealed balances"
              + " query");
    } else {
      ObjectNode b = n.putObject("sealedBalances");
      b.put("height", sealed.height());
      b.put("timeMillis", sealed.timeMillis());
      b.put("txId", sealed.txId());
      b.put("box", Hex.toHexString(sealed.box()));
      n.put(
          "balancesNote",
          "balances are private to the enclave: sealedBalances.box opens with your view key");
    }
    json(ctx, n);
  }

  // ---- administration

  private void storeStatus(Context ctx) {
    ObjectNode n = Views.JSON.createObjectNode();
    n.put("kind", store.kind());
    n.put("appliedHeight", store.appliedHeight());
    n.put("ledgerHeight", projection.ledgerHead());
    n.put("rebuilding", projection.rebuilding());
    n.put("rebuildTarget", rebuildTarget);
    if (projection.failure() == null) {
      n.putNull("failure");
    } else {
      n.put("failure", projection.failure());
    }
    json(ctx, n);
  }

  private void rebuild(Context ctx) {
    String ip = ctx.ip();
    // Rebuilding costs the node a full replay: only its operator, on the machine itself, may ask.
    if (!(ip.equals("127.0.0.1") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("::1"))) {
      throw new ApiException(
          ApiError.LOCAL_ONLY, "only a client on the node's own machine may rebuild");
    }
    synchronized (this) {
      if (projection.rebuilding() || rebuildThread != null && rebuildThread.isAlive()) {
        throw new ApiException(ApiError.REBUILD_RUNNING, "a rebuild is already running");
      }
      rebuildTarget = projection.ledgerHead();
      rebuildThread =
          new Thread(
              () -> {
                try {
                  long n = projection.rebuild(h -> {});
                  LOG.info("order-book store rebuilt from the ledger: {} blocks", n);
                } catch (RuntimeException e) {
                  LOG.error("order-book store rebuild failed: {}", e.toString());
                }
              },
              "store-rebuild");
      rebuildThread.setDaemon(true);
      rebuildThread.start();
    }
    ObjectNode n = Views.JSON.createObjectNode();
    n.put("started", true);
    n.put("rebuildTarget", rebuildTarget);
    ctx.status(202);
    json(ctx, n);
  }

  // ---- parameters

  private String market(Context ctx, boolean required) {
    String m = ctx.queryParam("market");
    if (m == null || m.isEmpty()) {
      if (required) {
        throw new ApiException(ApiError.MANDATORY_PARAM_MISSING, "market is required");
      }
      return null;
    }
    if (views.spec(m) == null) {
      throw new ApiException(ApiError.UNKNOWN_MARKET, "no such market; see exchangeInfo");
    }
    return m;
  }

  private static int limit(Context ctx, int dflt) {
    Long l = longParam(ctx, "limit");
    if (l == null) {
      return dflt;
    }
    if (l < 1 || l > MAX_LIMIT) {
      throw new ApiException(ApiError.ILLEGAL_PARAM, "limit must be 1.." + MAX_LIMIT);
    }
    return l.intValue();
  }

  private static Long longParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      long l = Long.parseLong(v);
      if (l < 0) {
        throw new NumberFormatException();
      }
      return l;
    } catch (NumberFormatException e) {
      throw new ApiException(ApiError.ILLEGAL_PARAM, name + " must be a non-negative integer");
    }
  }
}
