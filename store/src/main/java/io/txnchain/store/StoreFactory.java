package io.txnchain.store;

import io.txnchain.store.embedded.EmbeddedStore;
import io.txnchain.store.mongo.MongoStore;
import io.txnchain.store.postgres.PostgresStore;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Opens a store from the URL given to {@code --store} (or the {@code store.url} setting):
 *
 * <ul>
 *   <li>{@code embedded} (the default): the embedded store in {@code <data>/store};
 *   <li>{@code memory}: the embedded store without a journal, rebuilt from the ledger at each
 *       start;
 *   <li>{@code postgresql://user:password@host:port/database} or a {@code jdbc:postgresql:} URL;
 *   <li>{@code mongodb://host:port/database} (a MongoDB connection string).
 * </ul>
 */
public final class StoreFactory {
  private StoreFactory() {}

  public static OrderBookStore open(String url, Path dataDir) {
    if (url == null || url.isBlank() || url.equals("embedded")) {
      return EmbeddedStore.open(dataDir.resolve("store"));
    }
    if (url.equals("memory")) {
      return EmbeddedStore.inMemory();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return PostgresStore.open(url, null, null);
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      URI u = URI.create(url);
      String user = null;
      String password = null;
      if (u.getRawUserInfo() != null) {
        String[] parts = u.getRawUserInfo().split(":", 2);
        user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
      }
      String jdbc =
          "jdbc:postgresql://"
              + u.getHost()
              + (u.getPort() > 0 ? ":" + u.getPort() : "")
              + u.getRawPath()
              + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      return PostgresStore.open(jdbc, user, password);
    }
    if (url.startsWith("mongodb://") || url.startsWith("mongodb+srv://")) {
      return MongoStore.open(url);
    }
    throw new IllegalArgumentException(
        "unknown store URL (use embedded, memory, postgresql://... or mongodb://...)");
  }
}
