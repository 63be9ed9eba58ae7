package io.txnchain.dex.engine;

import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Eip712Domain;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The engine's fixed configuration.
 *
 * @param markets the markets, with distinct symbols (at most {@value Engine#MAX_MARKETS})
 * @param domain the EIP-712 domain signed orders must be signed under
 */
public record EngineConfig(List<MarketSpec> markets, Eip712Domain domain) {
  /** Validates and copies. */
  public EngineConfig {
    Objects.requireNonNull(domain, "domain");
    markets = List.copyOf(markets);
    if (markets.isEmpty() || markets.size() > Engine.MAX_MARKETS) {
      throw new IllegalArgumentException("need 1.." + Engine.MAX_MARKETS + " markets");
    }
    TreeSet<String> symbols = new TreeSet<>();
    for (MarketSpec m : markets) {
      if (!symbols.add(m.symbol())) {
        throw new IllegalArgumentException("duplicate market " + m.symbol());
      }
    }
  }
}
