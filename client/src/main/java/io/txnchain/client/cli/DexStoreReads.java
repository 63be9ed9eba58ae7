package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.MarketData;
import io.txnchain.client.sdk.TradingClient;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UnexpectedResponseException;
import io.txnchain.client.sdk.UserKey;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code dex book}, {@code dex trades} and {@code dex balances} read from the node's order-book
 * store through the trading API, after waiting for the store to reach the ledger's current height,
 * so that they see what the caller just did and record no work order. They answer null when the
 * node has no trading API or its store does not catch up in time; the commands then ask the engine
 * instead.
 */
final class DexStoreReads {
  private static final Duration CATCH_UP = Duration.ofSeconds(5);

  private DexStoreReads() {}

  /** The book as the engine's {@code book} answer shapes it, or null. */
  static ObjectNode book(TxnChainClient rpc, String market, int depth) {
    TradingClient api = TradingClient.connect(rpc.node());
    if (!caughtUp(rpc, api)) {
      return null;
    }
    MarketData.Depth d = api.depth(market, depth);
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("market", d.market());
    n.put("sequence", d.lastUpdateId());
    levels(n.putArray("bids"), d.bids());
    levels(n.putArray("asks"), d.asks());
    n.put("source", "store");
    return n;
  }

  /** The newest trades as the engine's {@code trades} answer shapes them, or null. */
  static ObjectNode trades(TxnChainClient rpc, String market, int limit) {
    TradingClient api = TradingClient.connect(rpc.node());
    if (!caughtUp(rpc, api)) {
      return null;
    }
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("market", market);
    ArrayNode list = n.putArray("trades");
    for (MarketData.Trade t : api.trades(market, limit)) {
      list.addObject()
          .put("tradeId", t.id())
          .put("sequence", t.sequence())
          .put("price", t.price().toPlainString())
          .put("quantity", t.qty().toPlainString())
          .put("takerSide", t.takerSide().toLowerCase(Locale.ROOT))
          .put("timeMillis", t.time());
    }
    n.put("source", "store");
    return n;
  }

  /**
   * The caller's balances from the store's snapshot sealed to its view key, shaped like the
   * engine's {@code balances} answer plus {@code height} and {@code txId}; null when there is none.
   */
  static ObjectNode balances(TxnChainClient rpc, UserKey user) {
    TradingClient api = TradingClient.connect(rpc.node());
    if (!caughtUp(rpc, api)) {
      return null;
    }
    Optional<MarketData.Balances> sealed = api.balances(user);
    if (sealed.isEmpty()) {
      return null;
    }
    MarketData.Balances b = sealed.get();
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("address", b.address());
    ArrayNode list = n.putArray("balances");
    for (MarketData.Balance t : b.balances()) {
      list.addObject()
          .put("token", t.token())
          .put("available", t.available().toPlainString())
          .put("locked", t.locked().toPlainString());
    }
    n.put("height", b.height());
    n.put("txId", b.txId());
    n.put("source", "store");
    return n;
  }

  private static boolean caughtUp(TxnChainClient rpc, TradingClient api) {
    try {
      api.exchangeInfo();
    } catch (UnexpectedResponseException e) {
      // A node without the trading API (an older build).
      return false;
    }
    return api.awaitStore(rpc.head().height(), CATCH_UP);
  }

  private static void levels(ArrayNode out, java.util.List<MarketData.Level> levels) {
    for (MarketData.Level l : levels) {
      out.addObject()
          .put("price", l.price().toPlainString())
          .put("quantity", l.quantity().toPlainString());
    }
  }
}
