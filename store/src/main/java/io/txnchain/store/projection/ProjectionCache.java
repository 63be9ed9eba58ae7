package io.txnchain.store.projection;

import io.txnchain.store.OrderBookStore;
import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Interval;
import io.txnchain.store.model.Level;
import io.txnchain.store.model.MarketState;
import io.txnchain.store.model.OrderState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the projection reads while it computes updates: the store's rows, remembered after the first
 * read and kept up to date with every update the projection makes. The projection is the store's
 * only writer, so the cache cannot go stale; it is dropped whenever a write fails or the store is
 * cleared. Bounded: least recently used orders, levels and candles are forgotten (and read from the
 * store again when needed).
 */
final class ProjectionCache {
  private static final int MAX_ORDERS = 200_000;
  private static final int MAX_LEVELS = 100_000;
  private static final int MAX_CANDLES = 20_000;

  private final OrderBookStore store;
  private final Map<String, MarketState> markets = new HashMap<>();
  private final Map<String, Long> levels = lru(MAX_LEVELS);
  private final Map<Long, Optional<OrderState>> orders = lru(MAX_ORDERS);
  private final Map<String, Optional<Candle>> candles = lru(MAX_CANDLES);

  ProjectionCache(OrderBookStore store) {
    this.store = store;
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  Optional<MarketState> market(String market) {
    MarketState m = markets.get(market);
    if (m == null) {
      Optional<MarketState> stored = store.market(market);
      stored.ifPresent(s -> markets.put(market, s));
      return stored;
    }
    return Optional.of(m);
  }

  long level(String market, String side, long price) {
    String key = market + "|" + side + "|" + price;
    Long q = levels.get(key);
    if (q == null) {
      q = store.level(market, side, price);
      levels.put(key, q);
    }
    return q;
  }

  Optional<OrderState> order(long orderId) {
    Optional<OrderState> o = orders.get(orderId);
    if (o == null) {
      o = store.order(orderId);
      orders.put(orderId, o);
    }
    return o;
  }

  Optional<Candle> candle(String market, Interval interval, long openTime) {
    String key = market + "|" + interval.code() + "|" + openTime;
    Optional<Candle> c = candles.get(key);
    if (c == null) {
      c = store.candle(market, interval, openTime);
      candles.put(key, c);
    }
    return c;
  }

  /** Takes in an update the projection is about to write. */
  void absorb(BlockUpdate u) {
    for (MarketState m : u.markets()) {
      markets.put(m.market(), m);
    }
    for (Level l : u.levels()) {
      levels.put(l.market() + "|" + l.side() + "|" + l.price(), l.quantity());
    }
    for (OrderState o : u.orders()) {
      orders.put(o.orderId(), Optional.of(o));
    }
    for (Candle c : u.candles()) {
      candles.put(c.market() + "|" + c.interval() + "|" + c.openTime(), Optional.of(c));
    }
  }

  void clear() {
    markets.clear();
    levels.clear();
    orders.clear();
    candles.clear();
  }
}
