package io.txnchain.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL store: one database transaction per block, holding the block's rows and the new
 * cursor, so a crash leaves either the whole block or none of it. Schema by Flyway migrations in
 * {@code db/store/postgres}.
 */
public final class PostgresStore implements OrderBookStore {
  private static final String TRADE_COLUMNS =
      "market, sequence, trade_id, price, quantity, taker_side, maker_order_id, taker_order_id,"
          + " maker_owner, taker_owner, maker_fee, taker_fee, time_millis, height";
  private static final String ORDER_COLUMNS =
      "order_id, market, owner, side, price, resting_quantity, executed_quantity, executed_quote,"
          + " remaining, status, reason, tx_id, created_millis, updated_millis";

  private final HikariDataSource pool;

  private PostgresStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Connects to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}) and migrates the schema.
   */
  public static PostgresStore open(String jdbcUrl, String user, String password) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setUsername(user);
    cfg.setPassword(password);
    cfg.setMaximumPoolSize(8);
    cfg.setPoolName("order-book-store");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to PostgreSQL: " + e.getMessage(), e);
    }
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/store/postgres")
          .table("store_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("cannot migrate the store schema: " + e.getMessage(), e);
    }
    return new PostgresStore(ds);
  }

  @Override
  public String kind() {
    return "postgres";
  }

  @Override
  public long appliedHeight() {
    return query("SELECT height FROM projection_cursor WHERE id = 1", ps -> {}, rs -> rs.getLong(1))
        .get(0);
  }

  @Override
  public boolean apply(BlockUpdate u) {
    return applyAll(List.of(u)) == 1;
  }

  /** Writes the blocks that follow the cursor, and the new cursor, in one transaction. */
  @Override
  public int applyAll(List<BlockUpdate> updates) {
    if (updates.isEmpty()) {
      return 0;
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        long applied;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT height FROM projection_cursor WHERE id = 1 FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          applied = rs.getLong(1);
        }
        List<BlockUpdate> todo = new ArrayList<>();
        for (BlockUpdate u : updates) {
          if (u.height() <= applied) {
            continue;
          }
          if (u.height() != applied + 1) {
            throw new StoreException(
                "block " + u.height() + " does not follow the applied height " + applied);
          }
          todo.add(u);
          applied = u.height();
        }
        if (todo.isEmpty()) {
          c.rollback();
          return 0;
        }
        try (var st = c.createStatement()) {
          // The store is rebuilt from the ledger after a crash anyway: a commit lost with the
          // server's last WAL flush only moves the cursor back (ADR 0013).
          st.execute("SET LOCAL synchronous_commit TO OFF");
        }
        BlockUpdate merged = merge(todo);
        writeMarkets(c, merged);
        writeLevels(c, merged);
        writeOrders(c, merged);
        writeTrades(c, merged);
        writeCandles(c, merged);
        writeBalances(c, merged);
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE projection_cursor SET height = ? WHERE id = 1")) {
          ps.setLong(1, applied);
          ps.executeUpdate();
        }
        c.commit();
        return todo.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot apply blocks: " + e.getMessage(), e);
    }
  }

  /**
   * One update with the batch's final value of every row (and all its trades), so that each table
   * gets one batched statement per transaction however many blocks it holds.
   */
  private static BlockUpdate merge(List<BlockUpdate> updates) {
    if (updates.size() == 1) {
      return updates.get(0);
    }
    Map<String, MarketState> markets = new LinkedHashMap<>();
    Map<String, Level> levels = new LinkedHashMap<>();
    Map<Long, OrderState> orders = new LinkedHashMap<>();
    Map<String, Candle> candles = new LinkedHashMap<>();
    Map<String, SealedBalances> balances = new LinkedHashMap<>();
    List<Trade> trades = new ArrayList<>();
    for (BlockUpdate u : updates) {
      u.markets().forEach(m -> markets.put(m.market(), m));
      u.levels().forEach(l -> levels.put(l.market() + "|" + l.side() + "|" + l.price(), l));
      u.orders().forEach(o -> orders.put(o.orderId(), o));
      u.candles()
          .forEach(k -> candles.put(k.market() + "|" + k.interval() + "|" + k.openTime(), k));
      trades.addAll(u.trades());
      u.balances().forEach(b -> balances.put(b.owner(), b));
    }
    BlockUpdate last = updates.get(updates.size() - 1);
    return new BlockUpdate(
        last.height(),
        last.timeMillis(),
        trades,
        new ArrayList<>(levels.values()),
        new ArrayList<>(orders.values()),
        new ArrayList<>(candles.values()),
        new ArrayList<>(markets.values()),
        List.of(),
        new ArrayList<>(balances.values()));
  }

  private static void writeMarkets(Connection c, BlockUpdate u) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO markets (symbol, last_sequence, last_price) VALUES (?, ?, ?)"
                + " ON CONFLICT (symbol) DO UPDATE SET last_sequence = EXCLUDED.last_sequence,"
                + " last_price = EXCLUDED.last_price")) {
      for (MarketState m : u.markets()) {
        ps.setString(1, m.market());
        ps.setLong(2, m.lastSequence());
        ps.setLong(3, m.lastPrice());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void writeLevels(Connection c, BlockUpdate u) throws SQLException {
    try (PreparedStatement up =
            c.prepareStatement(
                "INSERT INTO book_levels (market, side, price, quantity) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (market, side, price) DO UPDATE SET quantity ="
                    + " EXCLUDED.quantity");
        PreparedStatement del =
            c.prepareStatement(
                "DELETE FROM book_levels WHERE market = ? AND side = ? AND price = ?")) {
      for (Level l : u.levels()) {
        PreparedStatement ps = l.quantity() == 0 ? del : up;
        ps.setString(1, l.market());
        ps.setString(2, l.side());
        ps.setLong(3, l.price());
        if (l.quantity() != 0) {
          ps.setLong(4, l.quantity());
        }
        ps.addBatch();
      }
      up.executeBatch();
      del.executeBatch();
    }
  }

  private static void writeOrders(Connection c, BlockUpdate u) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO orders ("
                + ORDER_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO"
                + " UPDATE SET side = EXCLUDED.side, price = EXCLUDED.price, resting_quantity ="
                + " EXCLUDED.resting_quantity, executed_quantity = EXCLUDED.executed_quantity,"
                + " executed_quote = EXCLUDED.executed_quote, remaining = EXCLUDED.remaining,"
                + " status = EXCLUDED.status, reason = EXCLUDED.reason, updated_millis ="
                + " EXCLUDED.updated_millis")) {
      for (OrderState o : u.orders()) {
        ps.setLong(1, o.orderId());
        ps.setString(2, o.market());
        ps.setString(3, o.owner());
        ps.setString(4, o.side());
        ps.setLong(5, o.price());
        ps.setLong(6, o.restingQuantity());
        ps.setLong(7, o.executedQuantity());
        ps.setLong(8, o.executedQuote());
        ps.setLong(9, o.remaining());
        ps.setString(10, o.status());
        ps.setString(11, o.reason());
        ps.setString(12, o.txId());
        ps.setLong(13, o.createdMillis());
        ps.setLong(14, o.updatedMillis());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void writeTrades(Connection c, BlockUpdate u) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO trades ("
                + TRADE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (market, sequence) DO NOTHING")) {
      for (Trade t : u.trades()) {
        ps.setString(1, t.market());
        ps.setLong(2, t.sequence());
        ps.setString(3, t.tradeId());
        ps.setLong(4, t.price());
        ps.setLong(5, t.quantity());
        ps.setString(6, t.takerSide());
        ps.setLong(7, t.makerOrderId());
        ps.setLong(8, t.takerOrderId());
        ps.setString(9, t.makerOwner());
        ps.setString(10, t.takerOwner());
        ps.setLong(11, t.makerFee());
        ps.setLong(12, t.takerFee());
        ps.setLong(13, t.timeMillis());
        ps.setLong(14, t.height());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void writeCandles(Connection c, BlockUpdate u) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO candles (market, period, open_time, open, high, low, close, volume,"
                + " quote_volume, trades) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (market, period, open_time) DO UPDATE SET open = EXCLUDED.open,"
                + " high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,"
                + " volume = EXCLUDED.volume, quote_volume = EXCLUDED.quote_volume,"
                + " trades = EXCLUDED.trades")) {
      for (Candle k : u.candles()) {
        ps.setString(1, k.market());
        ps.setString(2, k.interval());
        ps.setLong(3, k.openTime());
        ps.setLong(4, k.open());
        ps.setLong(5, k.high());
        ps.setLong(6, k.low());
        ps.setLong(7, k.close());
        ps.setLong(8, k.volume());
        ps.setLong(9, k.quoteVolume());
        ps.setLong(10, k.trades());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void writeBalances(Connection c, BlockUpdate u) throws SQLException {
    if (u.balances().isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sealed_balances (owner, height, time_millis, tx_id, box)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (owner) DO UPDATE SET height ="
                + " EXCLUDED.height, time_millis = EXCLUDED.time_millis, tx_id = EXCLUDED.tx_id,"
                + " box = EXCLUDED.box")) {
      for (SealedBalances b : u.balances()) {
        ps.setString(1, b.owner());
        ps.setLong(2, b.height());
        ps.setLong(3, b.timeMillis());
        ps.setString(4, b.txId());
        ps.setBytes(5, b.box());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public void clear() {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (var st = c.createStatement()) {
        st.execute("TRUNCATE markets, book_levels, orders, trades, candles, sealed_balances");
        st.execute("UPDATE projection_cursor SET height = 0 WHERE id = 1");
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot clear the store: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<MarketState> market(String market) {
    return first(
        query(
            "SELECT symbol, last_sequence, last_price FROM markets WHERE symbol = ?",
            ps -> ps.setString(1, market),
            rs -> new MarketState(rs.getString(1), rs.getLong(2), rs.getLong(3))));
  }

  @Override
  public long level(String market, String side, long price) {
    List<Long> q =
        query(
            "SELECT quantity FROM book_levels WHERE market = ? AND side = ? AND price = ?",
            ps -> {
              ps.setString(1, market);
              ps.setString(2, side);
              ps.setLong(3, price);
            },
            rs -> rs.getLong(1));
    return q.isEmpty() ? 0 : q.get(0);
  }

  @Override
  public Optional<OrderState> order(long orderId) {
    return first(
        query(
            "SELECT " + ORDER_COLUMNS + " FROM orders WHERE order_id = ?",
            ps -> ps.setLong(1, orderId),
            PostgresStore::orderRow));
  }

  @Override
  public Optional<Candle> candle(String market, Interval interval, long openTime) {
    return first(
        query(
            "SELECT market, period, open_time, open, high, low, close, volume, quote_volume, trades"
                + " FROM candles WHERE market = ? AND period = ? AND open_time = ?",
            ps -> {
              ps.setString(1, market);
              ps.setString(2, interval.code());
              ps.setLong(3, openTime);
            },
            PostgresStore::candleRow));
  }

  @Override
  public Depth depth(String market, int limit) {
    // One repeatable-read transaction, so the levels and the sequence are of the same block.
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        long seq = 0;
        try (PreparedStatement ps =
            c.prepareStatement("SELECT last_sequence FROM markets WHERE symbol = ?")) {
          ps.setString(1, market);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              seq = rs.getLong(1);
            }
          }
        }
        List<Level> bids = levels(c, market, "buy", "DESC", limit);
        List<Level> asks = levels(c, market, "sell", "ASC", limit);
        c.commit();
        return new Depth(market, seq, bids, asks);
      } finally {
        c.setReadOnly(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the book: " + e.getMessage(), e);
    }
  }

  private static List<Level> levels(Connection c, String market, String side, String dir, int limit)
      throws SQLException {
    List<Level> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT price, quantity FROM book_levels WHERE market = ? AND side = ? ORDER BY price "
                + dir
                + " LIMIT ?")) {
      ps.setString(1, market);
      ps.setString(2, side);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Level(market, side, rs.getLong(1), rs.getLong(2)));
        }
      }
    }
    return out;
  }

  @Override
  public List<Trade> trades(String market, int limit) {
    return query(
        "SELECT " + TRADE_COLUMNS + " FROM trades WHERE market = ? ORDER BY sequence DESC LIMIT ?",
        ps -> {
          ps.setString(1, market);
          ps.setInt(2, limit);
        },
        PostgresStore::tradeRow);
  }

  @Override
  public List<Candle> candles(String market, Interval interval, long start, long end, int limit) {
    return query(
        "SELECT market, period, open_time, open, high, low, close, volume, quote_volume, trades"
            + " FROM candles WHERE market = ? AND period = ? AND open_time BETWEEN ? AND ?"
            + " ORDER BY open_time LIMIT ?",
        ps -> {
          ps.setString(1, market);
          ps.setString(2, interval.code());
          ps.setLong(3, start);
          ps.setLong(4, end);
          ps.setInt(5, limit);
        },
        PostgresStore::candleRow);
  }

  @Override
  public List<OrderState> ordersOf(String owner, String market, boolean openOnly, int limit) {
    String sql =
        "SELECT "
            + ORDER_COLUMNS
            + " FROM orders WHERE owner = ?"
            + (market == null ? "" : " AND market = ?")
            + (openOnly ? " AND status IN ('open', 'partially_filled')" : "")
            + " ORDER BY order_id DESC LIMIT ?";
    return query(
        sql,
        ps -> {
          int i = 1;
          ps.setString(i++, owner);
          if (market != null) {
            ps.setString(i++, market);
          }
          ps.setInt(i, limit);
        },
        PostgresStore::orderRow);
  }

  @Override
  public List<Trade> tradesOf(String owner, String market, int limit) {
    String m = market == null ? "" : " AND market = ?";
    String sql =
        "SELECT * FROM ((SELECT "
            + TRADE_COLUMNS
            + " FROM trades WHERE maker_owner = ?"
            + m
            + " ORDER BY height DESC, market, sequence DESC LIMIT ?) UNION ALL (SELECT "
            + TRADE_COLUMNS
            + " FROM trades WHERE taker_owner = ? AND maker_owner <> ?"
            + m
            + " ORDER BY height DESC, market, sequence DESC LIMIT ?)) t"
            + " ORDER BY height DESC, market, sequence DESC LIMIT ?";
    return query(
        sql,
        ps -> {
          int i = 1;
          ps.setString(i++, owner);
          if (market != null) {
            ps.setString(i++, market);
          }
          ps.setInt(i++, limit);
          ps.setString(i++, owner);
          ps.setString(i++, owner);
          if (market != null) {
            ps.setString(i++, market);
          }
          ps.setInt(i++, limit);
          ps.setInt(i, limit);
        },
        PostgresStore::tradeRow);
  }

  @Override
  public Optional<SealedBalances> sealedBalances(String owner) {
    return first(
        query(
            "SELECT owner, height, time_millis, tx_id, box FROM sealed_balances WHERE owner = ?",
            ps -> ps.setString(1, owner),
            rs ->
                new SealedBalances(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getBytes(5))));
  }

  private static Trade tradeRow(ResultSet rs) throws SQLException {
    return new Trade(
        rs.getString(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getString(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getString(9),
        rs.getString(10),
        rs.getLong(11),
        rs.getLong(12),
        rs.getLong(13),
        rs.getLong(14));
  }

  private static OrderState orderRow(ResultSet rs) throws SQLException {
    return new OrderState(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getLong(13),
        rs.getLong(14));
  }

  private static Candle candleRow(ResultSet rs) throws SQLException {
    return new Candle(
        rs.getString(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getLong(10));
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, Row<T> row) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("store query failed: " + e.getMessage(), e);
    }
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  @Override
  public void close() {
    pool.close();
  }
}
