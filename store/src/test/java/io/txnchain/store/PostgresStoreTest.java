package io.txnchain.store;

import io.txnchain.store.postgres.PostgresStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The behaviour suite against a real PostgreSQL server, one database per store. */
class PostgresStoreTest extends OrderBookStoreContract {
  private static EmbeddedPostgres pg;
  private static int databases;
  private final Map<OrderBookStore, String> urls = new HashMap<>();

  @BeforeAll
  static void startServer() throws IOException {
    pg = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (pg != null) {
      pg.close();
    }
  }

  @Override
  protected OrderBookStore newStore() {
    String db = "store_" + databases++;
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    String url = pg.getJdbcUrl("postgres", db);
    PostgresStore s = PostgresStore.open(url, "postgres", "postgres");
    urls.put(s, url);
    return s;
  }

  @Override
  protected OrderBookStore reopen(OrderBookStore store) {
    String url = urls.get(store);
    store.close();
    PostgresStore s = PostgresStore.open(url, "postgres", "postgres");
    urls.put(s, url);
    return s;
  }
}
