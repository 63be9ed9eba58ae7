package io.txnchain.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import io.txnchain.store.OrderBookStore;
import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Depth;
import io.txnchain.store.model.Level;
import io.txnchain.store.model.OrderState;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.model.Trade;
import io.txnchain.store.projection.Projection;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.util.encoders.Hex;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket streams at {@code /ws}: {@code depth@M}, {@code trades@M}, {@code kline_1m@M} and
 * the authenticated {@code user@ADDRESS}. Events are built once per applied block, under the
 * projection's lock, so a {@code depth} snapshot (read under the same lock) and the diffs after it
 * meet without a gap or overlap.
 *
 * <p>Each connection has a bounded outgoing queue; a client that lets it fill is disconnected with
 * close code 1008 and reason {@code slow consumer}, so no client can make the node hold more than
 * {@link #MAX_QUEUED} messages or {@link #MAX_QUEUED_BYTES} for it.
 */
final class MarketStreams implements Projection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(MarketStreams.class);
  static final int MAX_QUEUED = 10_000;
  static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;
  static final String SLOW = "slow consumer";
  private static final int SNAPSHOT_LEVELS = 5_000;
  private static final int MAX_SUBSCRIPTIONS = 100;

  private final Projection projection;
  private final OrderBookStore store;
  private final Views views;
  private final RequestAuth auth;
  private final RateLimiter perConnection;
  private final Clock clock;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  MarketStreams(
      Projection projection,
      Views views,
      RequestAuth auth,
      RateLimiter perConnection,
      Clock clock) {
    this.projection = projection;
    this.store = projection.store();
    this.views = views;
    this.auth = auth;
    this.perConnection = perConnection;
    this.clock = clock;
  }

  void install(Javalin app) {
    app.ws(
        "/ws",
        ws -> {
          ws.onConnect(ctx -> clients.put(ctx.sessionId(), new Client(ctx.session)));
          ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
          ws.onClose(ctx -> clients.remove(ctx.sessionId()));
          ws.onError(ctx -> clients.remove(ctx.sessionId()));
        });
    projection.addListener(this);
  }

  int connections() {
    return clients.size();
  }

  private void onMessage(WsContext ctx, String text) {
    Client c = clients.get(ctx.sessionId());
    if (c == null) {
      return;
    }
    JsonNode req;
    try {
      req = Views.JSON.readTree(text);
    } catch (java.io.IOException e) {
      c.send(error(null, ApiError.ILLEGAL_PARAM, "request is not JSON"));
      return;
    }
    JsonNode id = req.path("id");
    if (perConnection.acquire("ws:" + ctx.sessionId(), System.nanoTime()) > 0) {
      c.send(
          error(
              id,
              ApiError.TOO_MANY_REQUESTS,
              "over " + perConnection.perSecond() + " messages per second"));
      return;
    }
    String method = req.path("method").asText("");
    if (!method.equals("SUBSCRIBE") && !method.equals("UNSUBSCRIBE")) {
      c.send(error(id, ApiError.ILLEGAL_PARAM, "method must be SUBSCRIBE or UNSUBSCRIBE"));
      return;
    }
    JsonNode params = req.path("params");
    if (!params.isArray() || params.isEmpty()) {
      c.send(error(id, ApiError.MANDATORY_PARAM_MISSING, "params must list streams"));
      return;
    }
    try {
      List<String> streams = new ArrayList<>();
      for (JsonNode p : params) {
        streams.add(check(p.asText(), req.path("auth")));
      }
      if (method.equals("UNSUBSCRIBE")) {
        c.streams.removeAll(streams);
        c.send(ok(id));
        return;
      }
      if (c.streams.size() + streams.size() > MAX_SUBSCRIPTIONS) {
        throw new ApiException(ApiError.ILLEGAL_PARAM, "at most " + MAX_SUBSCRIPTIONS + " streams");
      }
      c.send(ok(id));
      for (String s : streams) {
        subscribe(c, s);
      }
    } catch (ApiException e) {
      c.send(error(id, e.error(), e.getMessage()));
    }
  }

  /** Validates a stream name; returns it in canonical form. */
  private String check(String stream, JsonNode authNode) {
    int at = stream.indexOf('@');
    if (at < 0) {
      throw new ApiException(ApiError.ILLEGAL_PARAM, "unknown stream");
    }
    String kind = stream.substring(0, at);
    String arg = stream.substring(at + 1);
    switch (kind) {
      case "depth":
      case "trades":
      case "kline_1m":
        if (views.spec(arg) == null) {
          throw new ApiException(ApiError.UNKNOWN_MARKET, "no such market; see exchangeInfo");
        }
        return stream;
      case "user":
        String owner = arg.toLowerCase(Locale.ROOT);
        String signer =
            auth.verify(
                "SUBSCRIBE",
                "/ws",
                "user@" + owner,
                text(authNode, "address"),
                text(authNode, "timestamp"),
                text(authNode, "signature"),
                clock.millis());
        if (!signer.equals(owner)) {
          throw new ApiException(
              ApiError.INVALID_SIGNATURE, "signature is not by the stream's address");
        }
        return "user@" + owner;
      default:
        throw new ApiException(ApiError.ILLEGAL_PARAM, "unknown stream");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private void subscribe(Client c, String stream) {
    if (!stream.startsWith("depth@")) {
      c.streams.add(stream);
      return;
    }
    String market = stream.substring("depth@".length());
    // Under the projection's read lock: no block is applied between the snapshot and the
    // registration, so the first diff this client gets starts right after the snapshot.
    projection.read(
        () -> {
          Depth d = store.depth(market, SNAPSHOT_LEVELS);
          ObjectNode data = Views.JSON.createObjectNode();
          data.put("e", "depthSnapshot");
          data.put("market", market);
          data.put("lastUpdateId", d.lastUpdateId());
          data.set("bids", views.levels(market, d.bids()));
          data.set("asks", views.levels(market, d.asks()));
          c.streams.add(stream);
          c.send(event(stream, data));
          return null;
        });
  }

  @Override
  public void applied(BlockUpdate u) {
    if (clients.isEmpty()) {
      return;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (BlockUpdate.Step s : u.steps()) {
      String m = s.market();
      ObjectNode data = Views.JSON.createObjectNode();
      data.put("e", "depthUpdate");
      data.put("E", u.timeMillis());
      data.put("market", m);
      data.put("U", s.first());
      data.put("u", s.last());
      List<Level> bids = new ArrayList<>();
      List<Level> asks = new ArrayList<>();
      for (Level l : u.levels()) {
        if (l.market().equals(m)) {
          (l.side().equals("buy") ? bids : asks).add(l);
        }
      }
      data.set("b", views.levels(m, bids));
      data.set("a", views.levels(m, asks));
      add(out, "depth@" + m, data);
    }
    for (Trade t : u.trades()) {
      ObjectNode data = views.trade(t);
      data.put("e", "trade");
      data.put("E", u.timeMillis());
      data.put("T", t.timeMillis());
      add(out, "trades@" + t.market(), data);
      if (!t.makerOwner().isEmpty()) {
        add(out, "user@" + t.makerOwner(), views.myTrade(t, t.makerOwner()).put("e", "fill"));
      }
      if (!t.takerOwner().isEmpty() && !t.takerOwner().equals(t.makerOwner())) {
        add(out, "user@" + t.takerOwner(), views.myTrade(t, t.takerOwner()).put("e", "fill"));
      }
    }
    for (Candle c : u.candles()) {
      if (c.interval().equals("1m")) {
        ObjectNode data = Views.JSON.createObjectNode();
        data.put("e", "kline");
        data.put("E", u.timeMillis());
        data.put("market", c.market());
        data.set("k", views.klineEvent(c));
        add(out, "kline_1m@" + c.market(), data);
      }
    }
    for (OrderState o : u.orders()) {
      if (!o.status().equals("pending")) {
        add(out, "user@" + o.owner(), views.order(o).put("e", "orderUpdate"));
      }
    }
    // Only the owner's subscription, which is signed, gets it; the node cannot read it anyway.
    for (SealedBalances b : u.balances()) {
      ObjectNode data = Views.JSON.createObjectNode();
      data.put("e", "balances");
      data.put("E", u.timeMillis());
      data.put("height", b.height());
      data.put("txId", b.txId());
      data.put("box", Hex.toHexString(b.box()));
      add(out, "user@" + b.owner(), data);
    }
    for (Client c : clients.values()) {
      for (Map.Entry<String, List<String>> e : out.entrySet()) {
        if (c.streams.contains(e.getKey())) {
          for (String msg : e.getValue()) {
            c.send(msg);
          }
        }
      }
    }
  }

  private static void add(Map<String, List<String>> out, String stream, ObjectNode data) {
    out.computeIfAbsent(stream, k -> new ArrayList<>()).add(event(stream, data));
  }

  private static String event(String stream, ObjectNode data) {
    ObjectNode n = Views.JSON.createObjectNode();
    n.put("stream", stream);
    n.set("data", data);
    return n.toString();
  }

  private static String ok(JsonNode id) {
    ObjectNode n = Views.JSON.createObjectNode();
    n.putNull("result");
    n.set("id", id.isMissingNode() ? null : id);
    return n.toString();
  }

  private static String error(JsonNode id, ApiError e, String msg) {
    ObjectNode n = Views.JSON.createObjectNode();
    n.putObject("error").put("code", e.code()).put("msg", msg);
    n.set("id", id == null || id.isMissingNode() ? null : id);
    return n.toString();
  }

  /** One connection and its bounded outgoing queue; sends one message at a time. */
  static final class Client {
    final Session session;
    final Set<String> streams = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private boolean closed;

    Client(Session session) {
      this.session = session;
    }

    synchronized void send(String msg) {
      if (closed) {
        return;
      }
      if (queue.size() >= MAX_QUEUED || queuedBytes + msg.length() > MAX_QUEUED_BYTES) {
        closed = true;
        queue.clear();
        session.close(StatusCode.POLICY_VIOLATION, SLOW);
        return;
      }
      queue.add(msg);
      queuedBytes += msg.length();
      if (!sending) {
        pump();
      }
    }

    private void pump() {
      while (!closed) {
        String next = queue.poll();
        if (next == null) {
          sending = false;
          return;
        }
        sending = true;
        Done done = new Done(next.length());
        try {
          session.getRemote().sendString(next, done);
        } catch (RuntimeException e) {
          closed = true;
          return;
        }
        if (!done.completedInline()) {
          return;
        }
      }
    }

    private synchronized void written(int length, boolean ok) {
      queuedBytes -= length;
      if (!ok) {
        closed = true;
        queue.clear();
        return;
      }
      pump();
    }

    /** A write's completion; one that completes inside sendString lets the loop go on. */
    private final class Done implements WriteCallback {
      private final int length;
      private boolean inline = true;
      private boolean finished;

      Done(int length) {
        this.length = length;
      }

      synchronized boolean completedInline() {
        inline = false;
        if (finished) {
          queuedBytes -= length;
        }
        return finished;
      }

      @Override
      public void writeSuccess() {
        complete(true);
      }

      @Override
      public void writeFailed(Throwable t) {
        LOG.debug("websocket write failed: {}", t.toString());
        complete(false);
      }

      private void complete(boolean ok) {
        synchronized (this) {
          if (inline) {
            finished = true;
            if (!ok) {
              closed = true;
            }
            return;
          }
        }
        written(length, ok);
      }
    }
  }
}
