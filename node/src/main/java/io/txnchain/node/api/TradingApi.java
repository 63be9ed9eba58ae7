package io.txnchain.node.api;

import io.javalin.Javalin;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.node.rpc.JsonRpcDispatcher;
import io.txnchain.store.OrderBookStore;
import io.txnchain.store.StoreFactory;
import io.txnchain.store.projection.LedgerSource;
import io.txnchain.store.projection.Projection;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DEX trading API of a node: the order-book store, the projection that keeps it equal to the
 * ledger, the REST endpoints under {@code /api/v1} and the WebSocket streams at {@code /ws}.
 */
public final class TradingApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TradingApi.class);
  private static final long POLL_MILLIS = 25;

  private final Projection projection;
  private final RestApi rest;
  private final MarketStreams streams;

  TradingApi(
      OrderBookStore store,
      LedgerSource source,
      DexConfig config,
      JsonRpcDispatcher rpc,
      Clock clock) {
    if (store.appliedHeight() > source.head()) {
      // The store was filled from another ledger (the data directory was replaced): start over.
      LOG.warn(
          "the order-book store is at height {} but the ledger at {}: rebuilding it",
          store.appliedHeight(),
          source.head());
      store.clear();
    }
    this.projection = new Projection(store, source, config.markets());
    Views views = new Views(projection.markets());
    RequestAuth auth = new RequestAuth(30_000, 500_000);
    this.rest =
        new RestApi(
            projection,
            views,
            config,
            rpc,
            auth,
            new RateLimiter(50, 100, 100_000),
            new RateLimiter(20, 40, 100_000),
            clock);
    this.streams =
        new MarketStreams(projection, views, auth, new RateLimiter(10, 20, 100_000), clock);
  }

  /**
   * Opens the store named by {@code storeUrl} (see {@link StoreFactory}) for a node whose data
   * directory is {@code dataDir}.
   */
  public static TradingApi open(
      String storeUrl, Path dataDir, LedgerStore ledger, DexConfig config, JsonRpcDispatcher rpc) {
    OrderBookStore store = StoreFactory.open(storeUrl, dataDir);
    try {
      return new TradingApi(store, new LedgerDexSource(ledger), config, rpc, Clock.systemUTC());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Where {@code exchangeInfo} reads the fees each market charges now (governance may lower them).
   */
  public void useFees(java.util.function.Function<MarketSpec, FeeSchedule> fees) {
    rest.useFees(fees);
  }

  /** Adds the routes to the node's HTTP server (before it starts). */
  public void install(Javalin app) {
    rest.install(app);
    streams.install(app);
  }

  /** Starts following the ledger. */
  public void start() {
    projection.start(POLL_MILLIS);
  }

  /** The projection, for {@code store rebuild} and tests. */
  public Projection projection() {
    return projection;
  }

  @Override
  public void close() {
    projection.close();
    projection.store().close();
  }
}
