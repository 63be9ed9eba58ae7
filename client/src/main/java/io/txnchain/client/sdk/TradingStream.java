package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A connection to a node's WebSocket streams ({@code /ws}, docs/trading-api.md). Each event is
 * handed to the consumer as {@code {"stream", "data"}} on the connection's thread, in order. {@link
 * LocalBook} keeps a market's book from {@code depth@MARKET} the way the documentation prescribes.
 */
public final class TradingStream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket ws;
  private final AtomicInteger ids = new AtomicInteger();
  private final Clock clock;

  private TradingStream(WebSocket ws, Clock clock) {
    this.ws = ws;
    this.clock = clock;
  }

  /** Connects to {@code node}'s {@code /ws}; {@code events} gets every message. */
  public static TradingStream connect(URI node, Consumer<JsonNode> events) {
    String base = node.toString().replaceAll("/+$", "").replaceFirst("^http", "ws");
    try {
      WebSocket ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(URI.create(base + "/ws"), new Listener(events))
              .get(15, TimeUnit.SECONDS);
      return new TradingStream(ws, Clock.systemUTC());
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeUnreachableException(node, "WebSocket: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnreachableException(node, "interrupted", e);
    }
  }

  /** Subscribes to public streams such as {@code depth@ETH-USDC}; returns the request id. */
  public int subscribe(String... streams) {
    return send("SUBSCRIBE", streams, null);
  }

  public int unsubscribe(String... streams) {
    return send("UNSUBSCRIBE", streams, null);
  }

  /** Subscribes to the owner's {@code user@ADDRESS} stream, signed with their key. */
  public int subscribeUser(UserKey key) {
    String owner = key.address().toChecksumHex().toLowerCase(Locale.ROOT);
    String stream = "user@" + owner;
    long ts = clock.millis();
    ObjectNode auth = JSON.createObjectNode();
    auth.put("address", key.address().toChecksumHex());
    auth.put("timestamp", Long.toString(ts));
    auth.put(
        "signature",
        TradingClient.personalSign(key, TradingClient.message("SUBSCRIBE", "/ws", stream, ts)));
    return send("SUBSCRIBE", new String[] {stream}, auth);
  }

  private int send(String method, String[] streams, ObjectNode auth) {
    int id = ids.incrementAndGet();
    ObjectNode req = JSON.createObjectNode();
    req.put("method", method);
    ArrayNode params = req.putArray("params");
    for (String s : streams) {
      params.add(s);
    }
    req.put("id", id);
    if (auth != null) {
      req.set("auth", auth);
    }
    ws.sendText(req.toString(), true).join();
    return id;
  }

  @Override
  public void close() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS);
  }

  private static final class Listener implements WebSocket.Listener {
    private final Consumer<JsonNode> events;
    private final StringBuilder partial = new StringBuilder();

    Listener(Consumer<JsonNode> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          events.accept(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          // Not JSON: not from a TxnChain node; ignored.
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  /**
   * A market's book kept from {@code depth@MARKET}: the snapshot, then each diff in order. A diff
   * that does not start right after the last one applied means an event was lost; {@link #apply}
   * then returns false and the caller resubscribes.
   */
  public static final class LocalBook {
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long lastUpdateId = -1;

    /**
     * Applies a {@code depthSnapshot} or {@code depthUpdate} event's {@code data}; false when the
     * stream has a gap (resubscribe), true otherwise (including diffs already in the snapshot).
     */
    public synchronized boolean apply(JsonNode data) {
      String e = data.path("e").asText();
      if (e.equals("depthSnapshot")) {
        bids.clear();
        asks.clear();
        load(bids, data.path("bids"));
        load(asks, data.path("asks"));
        lastUpdateId = data.path("lastUpdateId").asLong();
        return true;
      }
      if (!e.equals("depthUpdate") || lastUpdateId < 0) {
        return lastUpdateId >= 0;
      }
      long first = data.path("U").asLong();
      long last = data.path("u").asLong();
      if (last <= lastUpdateId) {
        return true;
      }
      if (first != lastUpdateId + 1) {
        lastUpdateId = -1;
        return false;
      }
      load(bids, data.path("b"));
      load(asks, data.path("a"));
      lastUpdateId = last;
      return true;
    }

    private static void load(NavigableMap<BigDecimal, BigDecimal> side, JsonNode levels) {
      for (JsonNode l : levels) {
        BigDecimal p = new BigDecimal(l.get(0).asText());
        BigDecimal q = new BigDecimal(l.get(1).asText());
        if (q.signum() == 0) {
          side.remove(p);
        } else {
          side.put(p, q);
        }
      }
    }

    /** The stream sequence the book reflects; -1 before a snapshot or after a gap. */
    public synchronized long lastUpdateId() {
      return lastUpdateId;
    }

    /** Bids, best (highest) first. */
    public synchronized List<MarketData.Level> bids() {
      return levels(bids.descendingMap());
    }

    /** Asks, best (lowest) first. */
    public synchronized List<MarketData.Level> asks() {
      return levels(asks);
    }

    private static List<MarketData.Level> levels(NavigableMap<BigDecimal, BigDecimal> side) {
      List<MarketData.Level> out = new ArrayList<>();
      side.forEach((p, q) -> out.add(new MarketData.Level(p, q)));
      return Collections.unmodifiableList(out);
    }
  }
}
