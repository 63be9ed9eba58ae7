package io.txnchain.store.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.txnchain.store.OrderBookStore;
import io.txnchain.store.embedded.EmbeddedStore;
import io.txnchain.store.model.Interval;
import io.txnchain.store.mongo.MongoStore;
import io.txnchain.store.postgres.PostgresStore;
import io.txnchain.store.projection.LedgerBlock;
import io.txnchain.store.projection.Projection;
import io.txnchain.store.testing.DexSimulation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;

/**
 * Load generator for the order-book store (results in BENCHMARKS.md). Two parts:
 *
 * <ul>
 *   <li>{@code projection}: blocks from the real DEX engine (seeded random signed orders and
 *       cancels), generated before the clock starts, projected into each store; events/s.
 *   <li>{@code queries}: PostgreSQL bulk-loaded with {@code orders} orders and {@code trades}
 *       trades (COPY), then p50/p99 of the store's depth, trades, klines, myTrades and openOrders
 *       queries through {@link PostgresStore}.
 * </ul>
 *
 * <p>Arguments: {@code projection BLOCKS MAX_TXS} or {@code queries ORDERS TRADES QUERIES}.
 */
public final class StoreLoad {
  private static final long T0 = 1_800_000_000_000L;
  private static final int OWNERS = 10_000;
  private static final String[] MARKETS = {"ETH-USDC", "BTC-USDC"};

  private StoreLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("queries")) {
      queries(
          Integer.parseInt(args[1]),
          Long.parseLong(args[2]),
          args.length > 3 ? Integer.parseInt(args[3]) : 2000);
    } else {
      projection(
          args.length > 1 ? Integer.parseInt(args[1]) : 2000,
          args.length > 2 ? Integer.parseInt(args[2]) : 8);
    }
  }

  // ---- projection throughput

  static void projection(int blocks, int maxTxs) throws Exception {
    long g0 = System.nanoTime();
    DexSimulation sim = new DexSimulation(99, 20);
    sim.addBlocks(blocks, maxTxs);
    long events = 0;
    long txs = 0;
    for (LedgerBlock b : sim.blocks()) {
      for (LedgerBlock.DexTx tx : b.txs()) {
        txs++;
        for (LedgerBlock.Event e : tx.events()) {
          events += countEvents(e.json());
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "generated %d blocks, %d dex transactions with events, %d events in %.1f s%n",
        sim.head(),
        txs,
        events,
        (System.nanoTime() - g0) / 1e9);
    Path tmp = Files.createTempDirectory("store-load");
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    MongoServer mongo = new MongoServer(new MemoryBackend());
    mongo.bind("127.0.0.1", 0);
    try {
      String mongoUrl = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/";
      List<String> names = List.of("memory", "embedded", "postgres", "mongodb (mongo-java-server)");
      List<IntFunction<OrderBookStore>> stores =
          List.of(
              i -> EmbeddedStore.inMemory(),
              i -> EmbeddedStore.open(tmp.resolve("embedded-" + i)),
              i -> postgres(pg, "proj_" + i),
              i -> MongoStore.open(mongoUrl + "proj_" + i));
      for (int round = 0; round < 2; round++) {
        for (int s = 0; s < stores.size(); s++) {
          try (OrderBookStore store = stores.get(s).apply(round * 10 + s)) {
            Projection p = new Projection(store, sim, DexSimulation.CONFIG.markets());
            long t0 = System.nanoTime();
            p.catchUp();
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                Locale.ROOT,
                "round %d %-28s %6.2f s  %9.0f events/s  %8.0f blocks/s  %8.0f txs/s%n",
                round + 1,
                names.get(s),
                sec,
                events / sec,
                blocks / sec,
                txs / sec);
          }
        }
      }
    } finally {
      mongo.shutdownNow();
      pg.close();
    }
  }

  private static long countEvents(String json) {
    // Stream items carry a sequence; orders items an orderId (each once per item).
    return count(json, "\"sequence\"") + count(json, "\"orderId\"");
  }

  private static long count(String s, String needle) {
    long n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static PostgresStore postgres(EmbeddedPostgres pg, String db) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return PostgresStore.open(pg.getJdbcUrl("postgres", db), "postgres", "postgres");
  }

  // ---- query latency on a large PostgreSQL store

  static void queries(int orders, long trades, int n) throws Exception {
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setServerConfig("shared_buffers", "512MB")
            .setServerConfig("max_wal_size", "4GB")
            .setServerConfig("synchronous_commit", "off")
            .start();
    try (PostgresStore store = postgres(pg, "big")) {
      String url = pg.getJdbcUrl("postgres", "big");
      long t0 = System.nanoTime();
      try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "postgres")) {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY orders FROM STDIN (FORMAT csv)", rows(orders, StoreLoad::orderRow));
        System.out.printf(
            Locale.ROOT, "loaded %d orders in %.1f s%n", orders, (System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        copy.copyIn("COPY trades FROM STDIN (FORMAT csv)", rows(trades, StoreLoad::tradeRow));
        System.out.printf(
            Locale.ROOT, "loaded %d trades in %.1f s%n", trades, (System.nanoTime() - t1) / 1e9);
        long minutes = trades / MARKETS.length / 600 + 1;
        copy.copyIn(
            "COPY candles FROM STDIN (FORMAT csv)",
            rows(minutes * MARKETS.length, StoreLoad::candleRow));
        copy.copyIn(
            "COPY book_levels FROM STDIN (FORMAT csv)", rows(2L * 2 * 500, StoreLoad::levelRow));
        try (Statement st = c.createStatement()) {
          st.execute(
              "INSERT INTO markets VALUES ('ETH-USDC', "
                  + trades
                  + ", 2000000000), ('BTC-USDC', "
                  + trades
                  + ", 60000000000)");
          st.execute("ANALYZE");
        }
      }
      System.out.printf(
          Locale.ROOT, "total load and analyze %.1f s%n", (System.nanoTime() - t0) / 1e9);
      Random r = new Random(1);
      long lastMinute = T0 + (trades / MARKETS.length) * 100 / 60_000 * 60_000;
      measure("depth limit 100", n, () -> store.depth(MARKETS[r.nextInt(2)], 100));
      measure("trades limit 500", n, () -> store.trades(MARKETS[r.nextInt(2)], 500));
      measure(
          "klines 1m limit 500",
          n,
          () ->
              store.candles(
                  MARKETS[r.nextInt(2)], Interval.M1, lastMinute - 499 * 60_000L, lastMinute, 500));
      measure("myTrades limit 500", n, () -> store.tradesOf(owner(r.nextInt(OWNERS)), null, 500));
      measure("openOrders", n, () -> store.ordersOf(owner(r.nextInt(OWNERS)), null, true, 1000));
    } finally {
      pg.close();
    }
  }

  private static void measure(String name, int n, Runnable q) {
    for (int i = 0; i < Math.max(100, n / 10); i++) {
      q.run();
    }
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      q.run();
      t[i] = System.nanoTime() - s;
    }
    Arrays.sort(t);
    System.out.printf(
        Locale.ROOT,
        "%-22s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
        name,
        n,
        t[n / 2] / 1e6,
        t[n * 9 / 10] / 1e6,
        t[n * 99 / 100] / 1e6,
        t[n - 1] / 1e6);
  }

  static String owner(int i) {
    return String.format("0x%040x", 0xabc0000L + i);
  }

  private static String orderRow(long i) {
    // order_id, market, owner, side, price, resting, executed, executed_quote, remaining, status,
    // reason, tx_id, created, updated; ~5% still open.
    String market = MARKETS[(int) (i % 2)];
    boolean open = i % 20 == 0;
    return (i + 1)
        + ","
        + market
        + ","
        + owner((int) ((i * 7919) % OWNERS))
        + ","
        + (i % 3 == 0 ? "buy" : "sell")
        + ",2000000000,100000000,"
        + (open ? "0" : "100000000")
        + ","
        + (open ? "0" : "2000000000")
        + ","
        + (open ? "100000000" : "0")
        + ","
        + (open ? "open" : "filled")
        + ",\"\",0x"
        + Long.toHexString(i)
        + ","
        + (T0 + i * 10)
        + ","
        + (T0 + i * 10)
        + "\n";
  }

  private static String tradeRow(long i) {
    String market = MARKETS[(int) (i % 2)];
    long seq = i / 2 + 1;
    int maker = (int) ((i * 104729) % OWNERS);
    int taker = (maker + 1 + (int) (i % 97)) % OWNERS;
    return market
        + ","
        + seq
        + ",0x"
        + Long.toHexString(i)
        + "-0,"
        + (2_000_000_000L + (i % 200) * 10_000)
        + ","
        + (1_000_000 + i % 1000 * 1000)
        + ","
        + (i % 2 == 0 ? "buy" : "sell")
        + ","
        + (2 * i + 1)
        + ","
        + (2 * i + 2)
        + ","
        + owner(maker)
        + ","
        + owner(taker)
        + ",400,1000,"
        + (T0 + seq * 100)
        + ","
        + (seq / 4 + 1)
        + "\n";
  }

  private static String candleRow(long i) {
    String market = MARKETS[(int) (i % 2)];
    long minute = i / 2;
    return market
        + ",1m,"
        + (T0 / 60_000 * 60_000 + minute * 60_000)
        + ",2000000000,2001000000,1999000000,2000500000,60000000000,120000000000,600\n";
  }

  private static String levelRow(long i) {
    String market = MARKETS[(int) (i / 1000)];
    boolean bid = (i / 500) % 2 == 0;
    long k = i % 500 + 1;
    long price = bid ? 2_000_000_000L - k * 10_000 : 2_000_000_000L + k * 10_000;
    return market + "," + (bid ? "buy" : "sell") + "," + price + "," + (k * 1_000_000) + "\n";
  }

  /** A reader that produces {@code n} CSV rows on demand, so nothing is held in memory. */
  private static Reader rows(long n, java.util.function.LongFunction<String> row) {
    return new Reader() {
      private long next;
      private String cur = "";
      private int pos;

      @Override
      public int read(char[] buf, int off, int len) {
        int written = 0;
        while (written < len) {
          if (pos == cur.length()) {
            if (next == n) {
              return written == 0 ? -1 : written;
            }
            cur = row.apply(next++);
            pos = 0;
          }
          int k = Math.min(len - written, cur.length() - pos);
          cur.getChars(pos, pos + k, buf, off + written);
          pos += k;
          written += k;
        }
        return written;
      }

      @Override
      public void close() throws IOException {}
    };
  }
}
