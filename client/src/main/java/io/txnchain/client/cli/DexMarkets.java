package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.sdk.UnexpectedResponseException;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.OrderJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code dex order} needs from the {@code markets} answer: the EIP-712 domain to sign under
 * and each market's decimals, to turn {@code --price 2000.5} into the integer the order carries.
 */
record DexMarkets(Eip712Domain domain, List<Market> markets) {

  /** A market's symbol, tokens and decimals. */
  record Market(
      String symbol, String base, String quote, int priceDecimals, int quantityDecimals) {}

  static DexMarkets parse(JsonNode answer, String node) {
    try {
      Optional<Eip712Domain> domain = OrderJson.parseDomain(answer.get("domain"));
      if (domain.isEmpty()) {
        throw new IllegalArgumentException("the domain is not Pixie DEX version 1");
      }
      List<Market> markets = new ArrayList<>();
      for (JsonNode m : answer.path("markets")) {
        markets.add(
            new Market(
                text(m, "symbol"),
                text(m, "base"),
                text(m, "quote"),
                decimals(m, "priceDecimals"),
                decimals(m, "quantityDecimals")));
      }
      return new DexMarkets(domain.get(), List.copyOf(markets));
    } catch (IllegalArgumentException e) {
      throw new UnexpectedResponseException(
          URI.create(node), "the dex app's markets answer is malformed: " + e.getMessage());
    }
  }

  private static String text(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("market field '" + field + "' is not a string");
    }
    return v.textValue();
  }

  private static int decimals(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 18) {
      throw new IllegalArgumentException("market field '" + field + "' is not 0..18");
    }
    return v.intValue();
  }

  /** The market named {@code symbol}. */
  Optional<Market> market(String symbol) {
    return markets.stream().filter(m -> m.symbol().equals(symbol)).findFirst();
  }

  /** The market symbols, for messages. */
  String symbols() {
    return String.join(", ", markets.stream().map(Market::symbol).toList());
  }
}
