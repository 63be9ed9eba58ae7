package io.txnchain.store.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.dex.market.FixedPoint;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Interval;
import io.txnchain.store.model.Level;
import io.txnchain.store.model.MarketState;
import io.txnchain.store.model.OrderState;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.model.Trade;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one ledger block into the {@link BlockUpdate} that brings the store from the previous block
 * to this one. It reads the store for the state before the block and keeps what the block changed
 * in an overlay, so several transactions of one block see each other's effects.
 *
 * <p>What an order's public record can say, and how it is derived: its owner is the signer of the
 * transaction whose {@code orders} event first names it; a new order that rests is the only thing
 * in its transaction that raises a book level, so that level's increase is its resting quantity and
 * the level its side and price; fills as maker then reduce that remaining quantity until it is
 * filled. Nothing here uses a clock: times are block times.
 *
 * <p>A {@code balances} event carries owners' balances sealed to their view keys; the store keeps
 * each box as it came, without opening it, and the block keeps the last one per owner.
 */
final class BlockProjector {
  /** The most bytes a sealed balances box may have. */
  static final int MAX_BOX_BYTES = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProjectionCache store;
  private final Map<String, MarketSpec> markets;
  private final Map<String, MarketState> marketOverlay = new LinkedHashMap<>();
  private final Map<String, Long> levelOverlay = new LinkedHashMap<>();
  private final Map<Long, OrderState> orderOverlay = new LinkedHashMap<>();
  private final Map<String, Candle> candleOverlay = new LinkedHashMap<>();
  private final Map<String, long[]> steps = new LinkedHashMap<>();
  private final List<Trade> trades = new ArrayList<>();
  private final Map<String, SealedBalances> balances = new LinkedHashMap<>();

  BlockProjector(ProjectionCache store, Map<String, MarketSpec> markets) {
    this.store = store;
    this.markets = markets;
  }

  BlockUpdate project(LedgerBlock block) {
    for (LedgerBlock.DexTx tx : block.txs()) {
      projectTx(block, tx);
    }
    List<Level> levels = new ArrayList<>();
    for (Map.Entry<String, Long> e : levelOverlay.entrySet()) {
      String[] k = e.getKey().split("\\|", 3);
      levels.add(new Level(k[0], k[1], Long.parseLong(k[2]), e.getValue()));
    }
    List<BlockUpdate.Step> stepList = new ArrayList<>();
    steps.forEach((m, s) -> stepList.add(new BlockUpdate.Step(m, s[0], s[1])));
    return new BlockUpdate(
        block.height(),
        block.timeMillis(),
        trades,
        levels,
        new ArrayList<>(orderOverlay.values()),
        new ArrayList<>(candleOverlay.values()),
        new ArrayList<>(marketOverlay.values()),
        stepList,
        new ArrayList<>(balances.values()));
  }

  private void projectTx(LedgerBlock block, LedgerBlock.DexTx tx) {
    List<JsonNode> streams = new ArrayList<>();
    JsonNode orders = null;
    for (LedgerBlock.Event e : tx.events()) {
      JsonNode n = parse(e.json(), block.height());
      if (e.type().equals("stream")) {
        streams.add(n);
      } else if (e.type().equals("orders")) {
        orders = n;
      } else if (e.type().equals("balances")) {
        applyBalances(block, tx, n);
      }
    }
    long placed = 0;
    if (orders != null) {
      placed = applyOrders(block, tx, orders);
    }
    for (JsonNode s : streams) {
      applyStream(block, s, placed);
    }
  }

  /**
   * Keeps the snapshots of a {@code balances} event: either one, {@code {"owner", "box"}}, or
   * several, {@code {"snapshots": [{"owner", "box"}, ...]}} (what the DEX emits: one event per
   * transaction for every touched account with a view key). A later snapshot of the same owner in
   * the block replaces an earlier one. A snapshot that breaks the format stops the projection, as a
   * malformed {@code stream} or {@code orders} event does; the message names the block, the
   * transaction and what is wrong, never the box.
   */
  private void applyBalances(LedgerBlock block, LedgerBlock.DexTx tx, JsonNode event) {
    if (!event.has("snapshots")) {
      applySnapshot(block, tx, event);
      return;
    }
    JsonNode list = event.path("snapshots");
    if (!list.isArray()) {
      throw invalidBalances(block, tx, "its snapshots are not a list");
    }
    for (JsonNode snapshot : list) {
      applySnapshot(block, tx, snapshot);
    }
  }

  private void applySnapshot(LedgerBlock block, LedgerBlock.DexTx tx, JsonNode snapshot) {
    JsonNode owner = snapshot.path("owner");
    JsonNode box = snapshot.path("box");
    if (!owner.isTextual() || !isAddress(owner.asText())) {
      throw invalidBalances(block, tx, "an owner is not a 0x address");
    }
    if (!box.isTextual() || box.asText().isEmpty() || !isEvenHex(box.asText())) {
      throw invalidBalances(block, tx, "a box is not non-empty hex of whole bytes");
    }
    if (box.asText().length() / 2 > MAX_BOX_BYTES) {
      throw invalidBalances(block, tx, "a box has more than " + MAX_BOX_BYTES + " bytes");
    }
    String o = owner.asText().toLowerCase(Locale.ROOT);
    balances.put(
        o,
        new SealedBalances(
            o,
            block.height(),
            block.timeMillis(),
            tx.txId(),
            HexFormat.of().parseHex(box.asText())));
  }

  private static ProjectionGapException invalidBalances(
      LedgerBlock block, LedgerBlock.DexTx tx, String problem) {
    return new ProjectionGapException(
        "block "
            + block.height()
            + " transaction "
            + tx.txId()
            + " has a balances event the store cannot keep: "
            + problem);
  }

  private static boolean isAddress(String s) {
    return s.length() == 42 && s.startsWith("0x") && isHex(s, 2);
  }

  private static boolean isEvenHex(String s) {
    return s.length() % 2 == 0 && isHex(s, 0);
  }

  private static boolean isHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      // Not Character.digit: it takes non-ASCII digits too.
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  /** Applies an {@code orders} event; returns the id of the order it placed, or 0. */
  private long applyOrders(LedgerBlock block, LedgerBlock.DexTx tx, JsonNode event) {
    long placed = 0;
    for (JsonNode o : event.path("orders")) {
      long id = o.path("orderId").asLong();
      String status = o.path("status").asText();
      String reason = o.path("reason").asText("");
      OrderState known = order(id);
      if (known == null) {
        // The first event naming an order is the one of the transaction that placed it.
        placed = id;
        boolean rests = status.equals("open") || status.equals("partially_filled");
        orderOverlay.put(
            id,
            new OrderState(
                id,
                o.path("market").asText(),
                tx.sender(),
                "",
                0,
                0,
                0,
                0,
                0,
                rests ? "pending" : status,
                reason,
                tx.txId(),
                block.timeMillis(),
                block.timeMillis()));
      } else {
        orderOverlay.put(id, withStatus(known, status, reason, 0, block.timeMillis()));
      }
    }
    return placed;
  }

  private void applyStream(LedgerBlock block, JsonNode stream, long placed) {
    String market = stream.path("market").asText();
    MarketSpec spec = markets.get(market);
    if (spec == null) {
      throw new ProjectionGapException(
          "block " + block.height() + " has events of unknown market " + market);
    }
    MarketState ms = marketState(market);
    long rising = 0;
    String risingSide = "";
    long risingPrice = 0;
    for (JsonNode e : stream.path("events")) {
      long seq = e.path("sequence").asLong();
      if (seq != ms.lastSequence() + 1) {
        throw new ProjectionGapException(
            "market "
                + market
                + " stream at block "
                + block.height()
                + " has sequence "
                + seq
                + " where "
                + (ms.lastSequence() + 1)
                + " was expected");
      }
      long[] step = steps.computeIfAbsent(market, k -> new long[] {seq, seq});
      step[1] = seq;
      long lastPrice = ms.lastPrice();
      if (e.path("type").asText().equals("trade")) {
        Trade t = trade(block, market, spec, e);
        trades.add(t);
        fill(t.makerOrderId(), t, spec, true, block.timeMillis());
        fill(t.takerOrderId(), t, spec, false, block.timeMillis());
        candles(t, spec);
        lastPrice = t.price();
      } else {
        String side = e.path("side").asText();
        long price = FixedPoint.parse(e.path("price").asText(), spec.priceScale());
        long qty = FixedPoint.parse(e.path("quantity").asText(), spec.quantityScale());
        long before = level(market, side, price);
        if (qty > before) {
          rising = qty - before;
          risingSide = side;
          risingPrice = price;
        }
        levelOverlay.put(market + "|" + side + "|" + price, qty);
      }
      ms = new MarketState(market, seq, lastPrice);
      marketOverlay.put(market, ms);
    }
    if (placed != 0) {
      OrderState o = order(placed);
      if (o != null && o.status().equals("pending") && o.market().equals(market)) {
        String status = o.executedQuantity() > 0 ? "partially_filled" : "open";
        orderOverlay.put(
            placed,
            new OrderState(
                o.orderId(),
                o.market(),
                o.owner(),
                rising > 0 ? risingSide : o.side(),
                risingPrice,
                rising,
                o.executedQuantity(),
                o.executedQuote(),
                rising,
                status,
                o.reason(),
                o.txId(),
                o.createdMillis(),
                o.updatedMillis()));
      }
    }
  }

  private Trade trade(LedgerBlock block, String market, MarketSpec spec, JsonNode e) {
    long makerId = e.path("makerOrderId").asLong();
    long takerId = e.path("takerOrderId").asLong();
    OrderState maker = order(makerId);
    OrderState taker = order(takerId);
    return new Trade(
        market,
        e.path("sequence").asLong(),
        e.path("tradeId").asText(),
        FixedPoint.parse(e.path("price").asText(), spec.priceScale()),
        FixedPoint.parse(e.path("quantity").asText(), spec.quantityScale()),
        e.path("takerSide").asText(),
        makerId,
        takerId,
        maker == null ? "" : maker.owner(),
        taker == null ? "" : taker.owner(),
        FixedPoint.parse(e.path("makerFee").asText(), spec.priceScale()),
        FixedPoint.parse(e.path("takerFee").asText(), spec.priceScale()),
        block.timeMillis(),
        block.height());
  }

  private void fill(long orderId, Trade t, MarketSpec spec, boolean maker, long time) {
    OrderState o = order(orderId);
    if (o == null) {
      return;
    }
    long executed = Math.addExact(o.executedQuantity(), t.quantity());
    long quote = Math.addExact(o.executedQuote(), notional(t, spec));
    String side = o.side();
    if (side.isEmpty()) {
      String takerSide = t.takerSide();
      side = maker ? (takerSide.equals("buy") ? "sell" : "buy") : takerSide;
    }
    long remaining = o.remaining();
    String status = o.status();
    if (maker && o.isOpen()) {
      remaining = Math.max(0, remaining - t.quantity());
      status = remaining == 0 ? "filled" : "partially_filled";
    }
    orderOverlay.put(
        orderId,
        new OrderState(
            o.orderId(),
            o.market(),
            o.owner(),
            side,
            o.price(),
            o.restingQuantity(),
            executed,
            quote,
            remaining,
            status,
            o.reason(),
            o.txId(),
            o.createdMillis(),
            time));
  }

  private void candles(Trade t, MarketSpec spec) {
    long quote = notional(t, spec);
    for (Interval iv : Interval.values()) {
      long open = iv.openTime(t.timeMillis());
      String key = t.market() + "|" + iv.code() + "|" + open;
      Candle c = candleOverlay.get(key);
      if (c == null) {
        c = store.candle(t.market(), iv, open).orElse(null);
      }
      Candle next =
          c == null
              ? new Candle(
                  t.market(),
                  iv.code(),
                  open,
                  t.price(),
                  t.price(),
                  t.price(),
                  t.price(),
                  t.quantity(),
                  quote,
                  1)
              : new Candle(
                  t.market(),
                  iv.code(),
                  open,
                  c.open(),
                  Math.max(c.high(), t.price()),
                  Math.min(c.low(), t.price()),
                  t.price(),
                  Math.addExact(c.volume(), t.quantity()),
                  Math.addExact(c.quoteVolume(), quote),
                  c.trades() + 1);
      candleOverlay.put(key, next);
    }
  }

  /** price × quantity in quote units, exact (price is per whole base token). */
  static long notional(Trade t, MarketSpec spec) {
    return BigInteger.valueOf(t.price())
        .multiply(BigInteger.valueOf(t.quantity()))
        .divide(BigInteger.valueOf(spec.quantityScale()))
        .longValueExact();
  }

  private static OrderState withStatus(
      OrderState o, String status, String reason, long remaining, long time) {
    return new OrderState(
        o.orderId(),
        o.market(),
        o.owner(),
        o.side(),
        o.price(),
        o.restingQuantity(),
        o.executedQuantity(),
        o.executedQuote(),
        remaining,
        status,
        reason,
        o.txId(),
        o.createdMillis(),
        time);
  }

  private OrderState order(long id) {
    OrderState o = orderOverlay.get(id);
    return o != null ? o : store.order(id).orElse(null);
  }

  private long level(String market, String side, long price) {
    Long q = levelOverlay.get(market + "|" + side + "|" + price);
    return q != null ? q : store.level(market, side, price);
  }

  private MarketState marketState(String market) {
    MarketState m = marketOverlay.get(market);
    return m != null ? m : store.market(market).orElse(new MarketState(market, 0, 0));
  }

  private static JsonNode parse(String json, long height) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new ProjectionGapException("block " + height + " has an event that is not JSON");
    }
  }
}
