package io.txnchain.store.mongo;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The MongoDB store (the seed's choice), through the official synchronous driver. Multi-document
 * transactions are not used, so a block is made atomic by a redo record: the whole update is
 * written to {@code pending} first, then the rows (absolute values, so writing them twice is
 * harmless), then the cursor, then the redo record is removed. A store opened after a crash between
 * those steps finishes the pending block before anything else.
 */
public final class MongoStore implements OrderBookStore {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_IS_GETTERS).build();
  private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

  private final MongoClient client;
  private final MongoCollection<Document> cursor;
  private final MongoCollection<Document> pending;
  private final MongoCollection<Document> markets;
  private final MongoCollection<Document> levels;
  private final MongoCollection<Document> orders;
  private final MongoCollection<Document> trades;
  private final MongoCollection<Document> candles;
  private final MongoCollection<Document> balances;

  private MongoStore(MongoClient client, MongoDatabase db) {
    this.client = client;
    this.cursor = db.getCollection("projection_cursor");
    this.pending = db.getCollection("projection_pending");
    this.markets = db.getCollection("markets");
    this.levels = db.getCollection("book_levels");
    this.orders = db.getCollection("orders");
    this.trades = db.getCollection("trades");
    this.candles = db.getCollection("candles");
    this.balances = db.getCollection("sealed_balances");
  }

  /** Connects with a MongoDB connection string naming the database ({@code mongodb://h:p/db}). */
  public static MongoStore open(String connectionString) {
    com.mongodb.ConnectionString cs = new com.mongodb.ConnectionString(connectionString);
    String dbName = cs.getDatabase() == null ? "txnchain_store" : cs.getDatabase();
    MongoClient client = MongoClients.create(cs);
    try {
      MongoStore s = new MongoStore(client, client.getDatabase(dbName));
      s.createIndexes();
      s.finishPending();
      return s;
    } catch (MongoException e) {
      client.close();
      throw new StoreException("cannot open the MongoDB store: " + e.getMessage(), e);
    }
  }

  private void createIndexes() {
    levels.createIndex(Indexes.ascending("market", "side", "price"));
    orders.createIndex(
        Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("_id")));
    trades.createIndex(
        Indexes.compoundIndex(Indexes.ascending("market"), Indexes.descending("sequence")));
    trades.createIndex(
        Indexes.compoundIndex(Indexes.ascending("makerOwner"), Indexes.descending("height")));
    trades.createIndex(
        Indexes.compoundIndex(Indexes.ascending("takerOwner"), Indexes.descending("height")));
    candles.createIndex(Indexes.ascending("market", "interval", "openTime"));
  }

  private void finishPending() {
    long applied = appliedHeight();
    Document p = pending.find(Filters.eq("_id", applied + 1)).first();
    if (p != null) {
      try {
        writeRows(JSON.readValue(p.getString("update"), BlockUpdate.class));
      } catch (IOException e) {
        throw new StoreException("the pending block record is corrupt", e);
      }
    }
    pending.deleteMany(Filters.lte("_id", applied + 1));
  }

  @Override
  public String kind() {
    return "mongodb";
  }

  @Override
  public long appliedHeight() {
    Document d = cursor.find(Filters.eq("_id", 1)).first();
    return d == null ? 0 : d.getLong("height");
  }

  @Override
  public synchronized boolean apply(BlockUpdate u) {
    long applied = appliedHeight();
    if (u.height() <= applied) {
      return false;
    }
    if (u.height() != applied + 1) {
      throw new StoreException(
          "block " + u.height() + " does not follow the applied height " + applied);
    }
    try {
      pending.replaceOne(
          Filters.eq("_id", u.height()),
          new Document("_id", u.height()).append("update", JSON.writeValueAsString(u)),
          UPSERT);
      writeRows(u);
      pending.deleteOne(Filters.eq("_id", u.height()));
      return true;
    } catch (IOException | MongoException e) {
      throw new StoreException("cannot apply block " + u.height() + ": " + e.getMessage(), e);
    }
  }

  private void writeRows(BlockUpdate u) {
    List<WriteModel<Document>> m = new ArrayList<>();
    for (MarketState s : u.markets()) {
      m.add(
          replace(
              s.market(),
              new Document("lastSequence", s.lastSequence()).append("lastPrice", s.lastPrice())));
    }
    bulk(markets, m);
    m = new ArrayList<>();
    for (Level l : u.levels()) {
      String id = l.market() + "|" + l.side() + "|" + l.price();
      if (l.quantity() == 0) {
        m.add(new DeleteOneModel<>(Filters.eq("_id", id)));
      } else {
        m.add(
            replace(
                id,
                new Document("market", l.market())
                    .append("side", l.side())
                    .append("price", l.price())
                    .append("quantity", l.quantity())));
      }
    }
    bulk(levels, m);
    m = new ArrayList<>();
    for (OrderState o : u.orders()) {
      m.add(replace(o.orderId(), orderDoc(o)));
    }
    bulk(orders, m);
    m = new ArrayList<>();
    for (Trade t : u.trades()) {
      m.add(replace(t.market() + "|" + t.sequence(), tradeDoc(t)));
    }
    bulk(trades, m);
    m = new ArrayList<>();
    for (Candle c : u.candles()) {
      m.add(replace(c.market() + "|" + c.interval() + "|" + c.openTime(), candleDoc(c)));
    }
    bulk(candles, m);
    m = new ArrayList<>();
    for (SealedBalances b : u.balances()) {
      m.add(
          replace(
              b.owner(),
              new Document("height", b.height())
                  .append("timeMillis", b.timeMillis())
                  .append("txId", b.txId())
                  .append("box", new Binary(b.box()))));
    }
    bulk(balances, m);
    cursor.replaceOne(
        Filters.eq("_id", 1), new Document("_id", 1).append("height", u.height()), UPSERT);
  }

  private static ReplaceOneModel<Document> replace(Object id, Document d) {
    d.put("_id", id);
    return new ReplaceOneModel<>(Filters.eq("_id", id), d, UPSERT);
  }

  private static void bulk(MongoCollection<Document> c, List<WriteModel<Document>> m) {
    if (!m.isEmpty()) {
      c.bulkWrite(m);
    }
  }

  private static Document orderDoc(OrderState o) {
    return new Document("market", o.market())
        .append("owner", o.owner())
        .append("side", o.side())
        .append("price", o.price())
        .append("restingQuantity", o.restingQuantity())
        .append("executedQuantity", o.executedQuantity())
        .append("executedQuote", o.executedQuote())
        .append("remaining", o.remaining())
        .append("status", o.status())
        .append("reason", o.reason())
        .append("txId", o.txId())
        .append("createdMillis", o.createdMillis())
        .append("updatedMillis", o.updatedMillis());
  }

  private static OrderState order(Document d) {
    return new OrderState(
        d.getLong("_id"),
        d.getString("market"),
        d.getString("owner"),
        d.getString("side"),
        d.getLong("price"),
        d.getLong("restingQuantity"),
        d.getLong("executedQuantity"),
        d.getLong("executedQuote"),
        d.getLong("remaining"),
        d.getString("status"),
        d.getString("reason"),
        d.getString("txId"),
        d.getLong("createdMillis"),
        d.getLong("updatedMillis"));
  }

  private static Document tradeDoc(Trade t) {
    return new Document("market", t.market())
        .append("sequence", t.sequence())
        .append("tradeId", t.tradeId())
        .append("price", t.price())
        .append("quantity", t.quantity())
        .append("takerSide", t.takerSide())
        .append("makerOrderId", t.makerOrderId())
        .append("takerOrderId", t.takerOrderId())
        .append("makerOwner", t.makerOwner())
        .append("takerOwner", t.takerOwner())
        .append("makerFee", t.makerFee())
        .append("takerFee", t.takerFee())
        .append("timeMillis", t.timeMillis())
        .append("height", t.height());
  }

  private static Trade trade(Document d) {
    return new Trade(
        d.getString("market"),
        d.getLong("sequence"),
        d.getString("tradeId"),
        d.getLong("price"),
        d.getLong("quantity"),
        d.getString("takerSide"),
        d.getLong("makerOrderId"),
        d.getLong("takerOrderId"),
        d.getString("makerOwner"),
        d.getString("takerOwner"),
        d.getLong("makerFee"),
        d.getLong("takerFee"),
        d.getLong("timeMillis"),
        d.getLong("height"));
  }

  private static Document candleDoc(Candle c) {
    return new Document("market", c.market())
        .append("interval", c.interval())
        .append("openTime", c.openTime())
        .append("open", c.open())
        .append("high", c.high())
        .append("low", c.low())
        .append("close", c.close())
        .append("volume", c.volume())
        .append("quoteVolume", c.quoteVolume())
        .append("trades", c.trades());
  }

  private static Candle candle(Document d) {
    return new Candle(
        d.getString("market"),
        d.getString("interval"),
        d.getLong("openTime"),
        d.getLong("open"),
        d.getLong("high"),
        d.getLong("low"),
        d.getLong("close"),
        d.getLong("volume"),
        d.getLong("quoteVolume"),
        d.getLong("trades"));
  }

  @Override
  public synchronized void clear() {
    for (MongoCollection<Document> c :
        List.of(pending, markets, levels, orders, trades, candles, balances, cursor)) {
      c.deleteMany(new Document());
    }
  }

  @Override
  public Optional<MarketState> market(String market) {
    Document d = markets.find(Filters.eq("_id", market)).first();
    return d == null
        ? Optional.empty()
        : Optional.of(new MarketState(market, d.getLong("lastSequence"), d.getLong("lastPrice")));
  }

  @Override
  public long level(String market, String side, long price) {
    Document d = levels.find(Filters.eq("_id", market + "|" + side + "|" + price)).first();
    return d == null ? 0 : d.getLong("quantity");
  }

  @Override
  public Optional<OrderState> order(long orderId) {
    Document d = orders.find(Filters.eq("_id", orderId)).first();
    return d == null ? Optional.empty() : Optional.of(order(d));
  }

  @Override
  public Optional<Candle> candle(String market, Interval interval, long openTime) {
    Document d =
        candles.find(Filters.eq("_id", market + "|" + interval.code() + "|" + openTime)).first();
    return d == null ? Optional.empty() : Optional.of(candle(d));
  }

  @Override
  public Depth depth(String market, int limit) {
    long seq = market(market).map(MarketState::lastSequence).orElse(0L);
    return new Depth(
        market,
        seq,
        side(market, "buy", Sorts.descending("price"), limit),
        side(market, "sell", Sorts.ascending("price"), limit));
  }

  private List<Level> side(String market, String side, Bson sort, int limit) {
    List<Level> out = new ArrayList<>();
    for (Document d :
        levels
            .find(Filters.and(Filters.eq("market", market), Filters.eq("side", side)))
            .sort(sort)
            .limit(limit)) {
      out.add(new Level(market, side, d.getLong("price"), d.getLong("quantity")));
    }
    return out;
  }

  @Override
  public List<Trade> trades(String market, int limit) {
    List<Trade> out = new ArrayList<>();
    for (Document d :
        trades.find(Filters.eq("market", market)).sort(Sorts.descending("sequence")).limit(limit)) {
      out.add(trade(d));
    }
    return out;
  }

  @Override
  public List<Candle> candles(String market, Interval interval, long start, long end, int limit) {
    List<Candle> out = new ArrayList<>();
    for (Document d :
        candles
            .find(
                Filters.and(
                    Filters.eq("market", market),
                    Filters.eq("interval", interval.code()),
                    Filters.gte("openTime", start),
                    Filters.lte("openTime", end)))
            .sort(Sorts.ascending("openTime"))
            .limit(limit)) {
      out.add(candle(d));
    }
    return out;
  }

  @Override
  public List<OrderState> ordersOf(String owner, String market, boolean openOnly, int limit) {
    List<Bson> f = new ArrayList<>();
    f.add(Filters.eq("owner", owner));
    if (market != null) {
      f.add(Filters.eq("market", market));
    }
    if (openOnly) {
      f.add(Filters.in("status", "open", "partially_filled"));
    }
    List<OrderState> out = new ArrayList<>();
    for (Document d : orders.find(Filters.and(f)).sort(Sorts.descending("_id")).limit(limit)) {
      out.add(order(d));
    }
    return out;
  }

  @Override
  public List<Trade> tradesOf(String owner, String market, int limit) {
    Bson sort =
        Sorts.orderBy(
            Sorts.descending("height"), Sorts.ascending("market"), Sorts.descending("sequence"));
    List<Trade> all = new ArrayList<>();
    Bson m = market == null ? new Document() : Filters.eq("market", market);
    for (Document d :
        trades.find(Filters.and(Filters.eq("makerOwner", owner), m)).sort(sort).limit(limit)) {
      all.add(trade(d));
    }
    for (Document d :
        trades
            .find(Filters.and(Filters.eq("takerOwner", owner), Filters.ne("makerOwner", owner), m))
            .sort(sort)
            .limit(limit)) {
      all.add(trade(d));
    }
    all.sort(Trades.NEWEST_FIRST);
    return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
  }

  @Override
  public Optional<SealedBalances> sealedBalances(String owner) {
    Document d = balances.find(Filters.eq("_id", owner)).first();
    return d == null
        ? Optional.empty()
        : Optional.of(
            new SealedBalances(
                owner,
                d.getLong("height"),
                d.getLong("timeMillis"),
                d.getString("txId"),
                d.get("box", Binary.class).getData()));
  }

  @Override
  public void close() {
    client.close();
  }
}
