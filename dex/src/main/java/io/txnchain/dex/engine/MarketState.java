package io.txnchain.dex.engine;

import io.txnchain.dex.book.OrderBook;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.dex.market.Pricing;

/** A market's mutable state inside the engine. */
final class MarketState {
  final int index;
  final String symbol;
  final MarketSpec spec;

  /** Replaced when governance changes the fees charged. */
  Pricing pricing;

  final OrderBook book;
  final int base;
  final int quote;

  /** The last public sequence number used. */
  long sequence;

  /** The price of the last trade, 0 before the first; the price band's reference. */
  long lastTradePrice;

  MarketState(int index, MarketSpec spec, OrderBook book, int base, int quote) {
    this.index = index;
    this.symbol = spec.symbol();
    this.spec = spec;
    this.pricing = spec.pricing();
    this.book = book;
    this.base = base;
    this.quote = quote;
  }
}
