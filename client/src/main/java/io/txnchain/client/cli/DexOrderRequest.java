package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import java.math.BigDecimal;

/**
 * Turns what a user types into the integers an order carries, and a signed order into the app's
 * {@code order} request: the EIP-712 message, the domain it was signed under, and the signature
 * {@code r || s || v} over {@link OrderEncoder#digest(Eip712Domain, Order)}.
 */
final class DexOrderRequest {
  private DexOrderRequest() {}

  /**
   * {@code text} (such as {@code 2000.5}) in units of {@code 10^-decimals}, exactly: more decimals
   * than that, a sign, an exponent or a value beyond 2^63-1 are refused with {@link
   * IllegalArgumentException}s that name {@code option}.
   */
  static long units(String text, int decimals, String option) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      throw new IllegalArgumentException(option + " must be a plain decimal number such as 2000.5");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a plain decimal number such as 2000.5");
    }
    BigDecimal scaled = value.movePointRight(decimals);
    if (scaled.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(option + " has more than " + decimals + " decimals");
    }
    try {
      return scaled.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(option + " is too large");
    }
  }

  /** The {@code order} request: {@code {"op":"order","order":..,"domain":..,"signature":..}}. */
  static ObjectNode signed(Order order, Eip712Domain domain, Secp256k1KeyPair key) {
    byte[] signature = key.sign(OrderEncoder.digest(domain, order)).toBytes65();
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("op", "order");
    n.set("order", OrderJson.message(order));
    n.set("domain", OrderJson.domain(domain));
    n.put("signature", OrderJson.signature(signature));
    return n;
  }
}
