package io.txnchain.store.embedded;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.txnchain.store.OrderBookStore;
import io.txnchain.store.StoreException;
import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Depth;
import io.txnchain.store.model.Interval;
import io.txnchain.store.model.Level;
import io.txnchain.store.model.MarketState;
import io.txnchain.store.model.OrderState;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.model.Trade;
import io.txnchain.store.model.Trades;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store that needs no server: every table in memory, and every applied block appended to a
 * journal file (one JSON line per block) that is replayed at open. A line torn by a crash is cut
 * off, which only moves the cursor back: the projection refills those blocks from the ledger. The
 * journal is not synced on each block for the same reason. See ADR 0013.
 */
public final class EmbeddedStore implements OrderBookStore {
  /** The journal's file name inside the store directory. */
  public static final String JOURNAL = "store-journal.jsonl";

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_IS_GETTERS).build();

  private final Path journal;
  private OutputStream out;
  private long applied;
  private final Map<String, MarketState> markets = new HashMap<>();
  private final Map<String, TreeMap<Long, Long>> levels = new HashMap<>();
  private final Map<Long, OrderState> orders = new HashMap<>();
  private final Map<String, TreeMap<Long, OrderState>> ordersByOwner = new HashMap<>();
  private final Map<String, List<Trade>> tradesByMarket = new HashMap<>();
  private final Map<String, java.util.TreeSet<Trade>> tradesByOwner = new HashMap<>();
  private final Map<String, TreeMap<Long, Candle>> candles = new HashMap<>();
  private final Map<String, SealedBalances> balances = new HashMap<>();

  private EmbeddedStore(Path journal) {
    this.journal = journal;
  }

  /** A store kept in memory only: empty at each start (tests, and a projection rebuilt at boot). */
  public static EmbeddedStore inMemory() {
    return new EmbeddedStore(null);
  }

  /** Opens (or creates) the store in {@code dir}, replaying its journal. */
  public static EmbeddedStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      EmbeddedStore s = new EmbeddedStore(dir.resolve(JOURNAL));
      s.replay();
      s.out =
          Files.newOutputStream(s.journal, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return s;
    } catch (IOException e) {
      throw new StoreException("cannot open the embedded store: " + e.getMessage(), e);
    }
  }

  private void replay() throws IOException {
    if (!Files.exists(journal)) {
      return;
    }
    long good = 0;
    long offset = 0;
    try (BufferedReader r = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
        BlockUpdate u;
        try {
          u = JSON.readValue(line, BlockUpdate.class);
        } catch (IOException e) {
          break;
        }
        if (u.height() != applied + 1) {
          break;
        }
        applyInMemory(u);
        good = offset;
      }
    }
    if (good < Files.size(journal)) {
      try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
        ch.truncate(good);
      }
    }
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public synchronized long appliedHeight() {
    return applied;
  }

  @Override
  public synchronized boolean apply(BlockUpdate u) {
    if (u.height() <= applied) {
      return false;
    }
    if (u.height() != applied + 1) {
      throw new StoreException(
          "block " + u.height() + " does not follow the applied height " + applied);
    }
    if (out != null) {
      try {
        out.write(JSON.writeValueAsBytes(u));
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new StoreException("cannot write the store journal: " + e.getMessage(), e);
      }
    }
    applyInMemory(u);
    return true;
  }

  @Override
  public synchronized int applyAll(List<BlockUpdate> updates) {
    int n = 0;
    long next = applied + 1;
    try {
      for (BlockUpdate u : updates) {
        if (u.height() < next) {
          continue;
        }
        if (u.height() != next) {
          throw new StoreException(
              "block " + u.height() + " does not follow the applied height " + (next - 1));
        }
        if (out != null) {
          out.write(JSON.writeValueAsBytes(u));
          out.write('\n');
        }
        next++;
      }
      if (out != null) {
        out.flush();
      }
    } catch (IOException e) {
      throw new StoreException("cannot write the store journal: " + e.getMessage(), e);
    }
    for (BlockUpdate u : updates) {
      if (u.height() == applied + 1) {
        applyInMemory(u);
        n++;
      }
    }
    return n;
  }

  private void applyInMemory(BlockUpdate u) {
    for (MarketState m : u.markets()) {
      markets.put(m.market(), m);
    }
    for (Level l : u.levels()) {
      TreeMap<Long, Long> side =
          levels.computeIfAbsent(l.market() + "|" + l.side(), k -> new TreeMap<>());
      if (l.quantity() == 0) {
        side.remove(l.price());
      } else {
        side.put(l.price(), l.quantity());
      }
    }
    for (OrderState o : u.orders()) {
      orders.put(o.orderId(), o);
      ordersByOwner.computeIfAbsent(o.owner(), k -> new TreeMap<>()).put(o.orderId(), o);
    }
    for (Trade t : u.trades()) {
      tradesByMarket.computeIfAbsent(t.market(), k -> new ArrayList<>()).add(t);
      if (!t.makerOwner().isEmpty()) {
        tradesByOwner
            .computeIfAbsent(t.makerOwner(), k -> new java.util.TreeSet<>(Trades.NEWEST_FIRST))
            .add(t);
      }
      if (!t.takerOwner().isEmpty() && !t.takerOwner().equals(t.makerOwner())) {
        tradesByOwner
            .computeIfAbsent(t.takerOwner(), k -> new java.util.TreeSet<>(Trades.NEWEST_FIRST))
            .add(t);
      }
    }
    for (Candle c : u.candles()) {
      candles
          .computeIfAbsent(c.market() + "|" + c.interval(), k -> new TreeMap<>())
          .put(c.openTime(), c);
    }
    for (SealedBalances b : u.balances()) {
      balances.put(b.owner(), b);
    }
    applied = u.height();
  }

  @Override
  public synchronized void clear() {
    markets.clear();
    levels.clear();
    orders.clear();
    ordersByOwner.clear();
    tradesByMarket.clear();
    tradesByOwner.clear();
    candles.clear();
    balances.clear();
    applied = 0;
    if (journal != null) {
      try {
        out.close();
        out =
            Files.newOutputStream(
                journal, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException e) {
        throw new StoreException("cannot reset the store journal: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized Optional<MarketState> market(String market) {
    return Optional.ofNullable(markets.get(market));
  }

  @Override
  public synchronized long level(String market, String side, long price) {
    TreeMap<Long, Long> s = levels.get(market + "|" + side);
    Long q = s == null ? null : s.get(price);
    return q == null ? 0 : q;
  }

  @Override
  public synchronized Optional<OrderState> order(long orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }

  @Override
  public synchronized Optional<Candle> candle(String market, Interval interval, long openTime) {
    TreeMap<Long, Candle> c = candles.get(market + "|" + interval.code());
    return Optional.ofNullable(c == null ? null : c.get(openTime));
  }

  @Override
  public synchronized Depth depth(String market, int limit) {
    MarketState m = markets.get(market);
    return new Depth(
        market,
        m == null ? 0 : m.lastSequence(),
        side(market, "buy", true, limit),
        side(market, "sell", false, limit));
  }

  private List<Level> side(String market, String side, boolean descending, int limit) {
    TreeMap<Long, Long> s = levels.get(market + "|" + side);
    List<Level> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    NavigableMap<Long, Long> view = descending ? s.descendingMap() : s;
    for (Map.Entry<Long, Long> e : view.entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(new Level(market, side, e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public synchronized List<Trade> trades(String market, int limit) {
    return newest(tradesByMarket.getOrDefault(market, List.of()), null, limit);
  }

  @Override
  public synchronized List<Candle> candles(
      String market, Interval interval, long start, long end, int limit) {
    TreeMap<Long, Candle> c = candles.get(market + "|" + interval.code());
    if (c == null || start > end) {
      return List.of();
    }
    List<Candle> out = new ArrayList<>();
    for (Candle x : c.subMap(start, true, end, true).values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(x);
    }
    return out;
  }

  @Override
  public synchronized List<OrderState> ordersOf(
      String owner, String market, boolean openOnly, int limit) {
    TreeMap<Long, OrderState> mine = ordersByOwner.get(owner);
    List<OrderState> out = new ArrayList<>();
    if (mine == null) {
      return out;
    }
    for (OrderState o : mine.descendingMap().values()) {
      if (out.size() >= limit) {
        break;
      }
      if ((market == null || o.market().equals(market)) && (!openOnly || o.isOpen())) {
        out.add(o);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Trade> tradesOf(String owner, String market, int limit) {
    List<Trade> out = new ArrayList<>();
    for (Trade t :
        tradesByOwner.getOrDefault(owner, new java.util.TreeSet<>(Trades.NEWEST_FIRST))) {
      if (out.size() >= limit) {
        break;
      }
      if (market == null || t.market().equals(market)) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<SealedBalances> sealedBalances(String owner) {
    return Optional.ofNullable(balances.get(owner));
  }

  private static List<Trade> newest(List<Trade> all, String market, int limit) {
    List<Trade> out = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      Trade t = all.get(i);
      if (market == null || t.market().equals(market)) {
        out.add(t);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new StoreException("cannot close the store journal: " + e.getMessage(), e);
      }
      out = null;
    }
  }
}
