package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed answers of the trading API (docs/trading-api.md). Prices, quantities and fees are exact
 * decimals in whole tokens; times are Unix milliseconds (block times).
 */
public final class MarketData {
  private MarketData() {}

  /** A price level: the total open quantity at a price. */
  public record Level(BigDecimal price, BigDecimal quantity) {}

  /** A market's book as of stream sequence {@code lastUpdateId}, best levels first. */
  public record Depth(String market, long lastUpdateId, List<Level> bids, List<Level> asks) {
    static Depth of(JsonNode n) {
      return new Depth(
          n.path("market").asText(),
          n.path("lastUpdateId").asLong(),
          levels(n.path("bids")),
          levels(n.path("asks")));
    }
  }

  /** A public trade. */
  public record Trade(
      String id,
      String market,
      long sequence,
      BigDecimal price,
      BigDecimal qty,
      BigDecimal quoteQty,
      long time,
      String takerSide,
      boolean isBuyerMaker) {
    static Trade of(JsonNode n) {
      return new Trade(
          n.path("id").asText(),
          n.path("market").asText(),
          n.path("sequence").asLong(),
          dec(n, "price"),
          dec(n, "qty"),
          dec(n, "quoteQty"),
          n.path("time").asLong(),
          n.path("takerSide").asText(),
          n.path("isBuyerMaker").asBoolean());
    }
  }

  /** A candle. */
  public record Kline(
      long openTime,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      BigDecimal volume,
      long closeTime,
      BigDecimal quoteVolume,
      long trades) {
    static Kline of(JsonNode a) {
      return new Kline(
          a.get(0).asLong(),
          new BigDecimal(a.get(1).asText()),
          new BigDecimal(a.get(2).asText()),
          new BigDecimal(a.get(3).asText()),
          new BigDecimal(a.get(4).asText()),
          new BigDecimal(a.get(5).asText()),
          a.get(6).asLong(),
          new BigDecimal(a.get(7).asText()),
          a.get(8).asLong());
    }
  }

  /** 24-hour statistics of a market. */
  public record Ticker(
      String market,
      BigDecimal openPrice,
      BigDecimal highPrice,
      BigDecimal lowPrice,
      BigDecimal lastPrice,
      BigDecimal priceChange,
      BigDecimal priceChangePercent,
      BigDecimal volume,
      BigDecimal quoteVolume,
      long openTime,
      long closeTime,
      long count) {
    static Ticker of(JsonNode n) {
      return new Ticker(
          n.path("market").asText(),
          dec(n, "openPrice"),
          dec(n, "highPrice"),
          dec(n, "lowPrice"),
          dec(n, "lastPrice"),
          dec(n, "priceChange"),
          dec(n, "priceChangePercent"),
          dec(n, "volume"),
          dec(n, "quoteVolume"),
          n.path("openTime").asLong(),
          n.path("closeTime").asLong(),
          n.path("count").asLong());
    }
  }

  /** An order as the public events reveal it; see docs/trading-api.md. */
  public record OrderInfo(
      long orderId,
      String market,
      String side,
      BigDecimal price,
      BigDecimal restingQty,
      BigDecimal executedQty,
      BigDecimal cummulativeQuoteQty,
      BigDecimal remainingQty,
      String status,
      String expireReason,
      String txId,
      long time,
      long updateTime) {
    static OrderInfo of(JsonNode n) {
      return new OrderInfo(
          n.path("orderId").asLong(),
          n.path("market").asText(),
          n.path("side").asText(),
          dec(n, "price"),
          dec(n, "restingQty"),
          dec(n, "executedQty"),
          dec(n, "cummulativeQuoteQty"),
          dec(n, "remainingQty"),
          n.path("status").asText(),
          n.path("expireReason").asText(),
          n.path("txId").asText(),
          n.path("time").asLong(),
          n.path("updateTime").asLong());
    }
  }

  /** A trade of the caller's, with the fee the caller paid. */
  public record AccountTrade(
      String id,
      String market,
      long sequence,
      long orderId,
      BigDecimal price,
      BigDecimal qty,
      BigDecimal quoteQty,
      BigDecimal fee,
      String feeToken,
      boolean isMaker,
      boolean isBuyer,
      long time) {
    static AccountTrade of(JsonNode n) {
      return new AccountTrade(
          n.path("id").asText(),
          n.path("market").asText(),
          n.path("sequence").asLong(),
          n.path("orderId").asLong(),
          dec(n, "price"),
          dec(n, "qty"),
          dec(n, "quoteQty"),
          dec(n, "fee"),
          n.path("feeToken").asText(),
          n.path("isMaker").asBoolean(),
          n.path("isBuyer").asBoolean(),
          n.path("time").asLong());
    }
  }

  /**
   * What the node did with a forwarded order or cancel: the work order's id and height, and its
   * result, sealed to the transaction's reply key ({@code sealedResult}, hex) or in clear.
   */
  public record Submitted(
      String txId,
      long height,
      String status,
      boolean sealed,
      String sealedResult,
      JsonNode result) {
    static Submitted of(JsonNode n) {
      return new Submitted(
          n.path("txId").asText(),
          n.path("height").asLong(),
          n.path("status").asText(),
          n.path("sealed").asBoolean(),
          n.path("sealedResult").asText(null),
          n.get("result"));
    }
  }

  /** The order-book store of the node: kind, progress, and the projection's last error. */
  public record StoreStatus(
      String kind,
      long appliedHeight,
      long ledgerHeight,
      boolean rebuilding,
      long rebuildTarget,
      String failure) {
    static StoreStatus of(JsonNode n) {
      return new StoreStatus(
          n.path("kind").asText(),
          n.path("appliedHeight").asLong(),
          n.path("ledgerHeight").asLong(),
          n.path("rebuilding").asBoolean(),
          n.path("rebuildTarget").asLong(),
          n.path("failure").isNull() ? null : n.path("failure").asText());
    }
  }

  static List<Level> levels(JsonNode a) {
    List<Level> out = new ArrayList<>();
    for (JsonNode l : a) {
      out.add(new Level(new BigDecimal(l.get(0).asText()), new BigDecimal(l.get(1).asText())));
    }
    return out;
  }

  static BigDecimal dec(JsonNode n, String field) {
    return new BigDecimal(n.path(field).asText("0"));
  }

  /** One token's balance. */
  public record Balance(String token, BigDecimal available, BigDecimal locked) {}

  /**
   * An account's balances as the DEX sealed them to its view key after the transaction {@code txId}
   * at ledger height {@code height}; the store serves the latest (docs/trading-api.md).
   */
  public record Balances(String address, long height, String txId, List<Balance> balances) {
    static Balances of(JsonNode n) {
      List<Balance> list = new ArrayList<>();
      for (JsonNode b : n.path("balances")) {
        list.add(
            new Balance(
                b.path("token").asText(),
                new BigDecimal(b.path("available").asText()),
                new BigDecimal(b.path("locked").asText())));
      }
      return new Balances(
          n.path("address").asText(), n.path("height").asLong(), n.path("txId").asText(), list);
    }
  }
}
