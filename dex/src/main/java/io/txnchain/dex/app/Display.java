package io.txnchain.dex.app;

import io.txnchain.dex.market.MarketSpec;
import java.util.Locale;

/**
 * How amounts appear in outputs and events: decimal strings in whole tokens (prices in quote tokens
 * per whole base token), so that no client has to know the scales, and nothing goes through
 * floating point.
 */
final class Display {
  private Display() {}

  static String price(MarketSpec m, long price) {
    return Amounts.format(price, m.priceScale());
  }

  static String quantity(MarketSpec m, long quantity) {
    return Amounts.format(quantity, m.quantityScale());
  }

  /** An amount of the quote token: a notional or a fee. */
  static String quote(MarketSpec m, long amount) {
    return Amounts.format(amount, m.priceScale());
  }

  /** An enum constant in lower_snake_case, e.g. {@code self_trade_prevention}. */
  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
