package io.txnchain.wire.dex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.util.encoders.Hex;

/**
 * The JSON form of a signed order, as in an EIP-712 {@code eth_signTypedData_v4} request: the
 * {@code message} object with the fields of {@link OrderEncoder#ORDER_TYPE} (addresses as {@code
 * 0x} hex, {@code uint8} fields as JSON integers, the other unsigned integers as decimal strings),
 * the {@code domain} object, and the signature as {@code 0x} hex. Clients write it; the enclave
 * reads it back with the same rules.
 *
 * <p>Reading is strict: every field is required, unknown fields are refused, and unsigned integers
 * are JSON integers or strings of ASCII digits in 0..2^63-1. Errors are {@link
 * IllegalArgumentException}s whose messages name the field but never its value, since the order may
 * have arrived sealed.
 */
public final class OrderJson {
  /** The message fields, in EIP-712 order. */
  public static final List<String> MESSAGE_FIELDS =
      List.of(
          "trader",
          "market",
          "side",
          "orderType",
          "price",
          "quantity",
          "timeInForce",
          "postOnly",
          "selfTradePrevention",
          "payAddress",
          "receiveAddress",
          "nonce",
          "expiry",
          "clientOrderId");

  /** The domain fields. */
  public static final List<String> DOMAIN_FIELDS =
      List.of("name", "version", "chainId", "verifyingContract");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OrderJson() {}

  /** The EIP-712 {@code message} object of {@code o}. */
  public static ObjectNode message(Order o) {
    ObjectNode m = NODES.objectNode();
    m.put("trader", o.trader().toChecksumHex());
    m.put("market", o.market());
    m.put("side", o.side().code());
    m.put("orderType", o.orderType().code());
    m.put("price", Long.toString(o.price()));
    m.put("quantity", Long.toString(o.quantity()));
    m.put("timeInForce", o.timeInForce().code());
    m.put("postOnly", o.postOnly());
    m.put("selfTradePrevention", o.selfTradePrevention().code());
    m.put("payAddress", o.payAddress().toChecksumHex());
    m.put("receiveAddress", o.receiveAddress().toChecksumHex());
    m.put("nonce", Long.toString(o.nonce()));
    m.put("expiry", Long.toString(o.expiry()));
    m.put("clientOrderId", o.clientOrderId());
    return m;
  }

  /** The EIP-712 {@code domain} object. */
  public static ObjectNode domain(Eip712Domain d) {
    ObjectNode n = NODES.objectNode();
    n.put("name", Eip712Domain.NAME);
    n.put("version", Eip712Domain.VERSION);
    n.put("chainId", d.chainId());
    n.put("verifyingContract", d.verifyingContract().toChecksumHex());
    return n;
  }

  /** {@code 0x} followed by the signature in lower-case hex. */
  public static String signature(byte[] signature) {
    return "0x" + Hex.toHexString(signature);
  }

  /** Reads a {@code message} object. */
  public static Order parseMessage(JsonNode node) {
    requireObject(node, "order", MESSAGE_FIELDS);
    Side side = Side.fromCode(uint8(node, "side"));
    if (side == null) {
      throw new IllegalArgumentException("field 'side' must be 0 (buy) or 1 (sell)");
    }
    OrderType type = OrderType.fromCode(uint8(node, "orderType"));
    if (type == null) {
      throw new IllegalArgumentException("field 'orderType' must be 0 (limit) or 1 (market)");
    }
    TimeInForce tif = TimeInForce.fromCode(uint8(node, "timeInForce"));
    if (tif == null) {
      throw new IllegalArgumentException("field 'timeInForce' must be 0 (GTC), 1 (IOC) or 2 (FOK)");
    }
    SelfTradePrevention stp = SelfTradePrevention.fromCode(uint8(node, "selfTradePrevention"));
    if (stp == null) {
      throw new IllegalArgumentException(
          "field 'selfTradePrevention' must be 0 (expire taker), 1 (expire maker) or 2 (expire"
              + " both)");
    }
    JsonNode postOnly = node.get("postOnly");
    if (!postOnly.isBoolean()) {
      throw new IllegalArgumentException("field 'postOnly' must be true or false");
    }
    return new Order(
        address(node, "trader"),
        string(node, "market"),
        side,
        type,
        uint(node, "price"),
        uint(node, "quantity"),
        tif,
        postOnly.booleanValue(),
        stp,
        address(node, "payAddress"),
        address(node, "receiveAddress"),
        uint(node, "nonce"),
        uint(node, "expiry"),
        string(node, "clientOrderId"));
  }

  /**
   * Reads a {@code domain} object; empty when it is well formed but names another domain than
   * {@value Eip712Domain#NAME} version {@value Eip712Domain#VERSION}.
   */
  public static Optional<Eip712Domain> parseDomain(JsonNode node) {
    requireObject(node, "domain", DOMAIN_FIELDS);
    String name = string(node, "name");
    String version = string(node, "version");
    Eip712Domain d = new Eip712Domain(uint(node, "chainId"), address(node, "verifyingContract"));
    return name.equals(Eip712Domain.NAME) && version.equals(Eip712Domain.VERSION)
        ? Optional.of(d)
        : Optional.empty();
  }

  /** Reads {@code 0x}-prefixed hex of any length (the verifier checks the length). */
  public static byte[] parseSignature(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("field 'signature' must be a string");
    }
    String s = node.textValue();
    if (!s.startsWith("0x") || s.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "field 'signature' must be 0x followed by an even number of hex digits");
    }
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        throw new IllegalArgumentException("field 'signature' must be hex");
      }
    }
    return Hex.decode(s.substring(2));
  }

  private static void requireObject(JsonNode node, String what, List<String> fields) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("field '" + what + "' must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + what + "." + name + "'");
      }
    }
    for (String f : fields) {
      if (!node.has(f)) {
        throw new IllegalArgumentException("missing field '" + what + "." + f + "'");
      }
    }
  }

  private static int uint8(JsonNode node, String field) {
    long v = uint(node, field);
    if (v > 255) {
      throw new IllegalArgumentException("field '" + field + "' must be a uint8");
    }
    return (int) v;
  }

  /** A JSON integer or a string of ASCII digits, in 0..2^63-1. */
  private static long uint(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
      return v.longValue();
    }
    if (v.isTextual() && isDigits(v.textValue())) {
      try {
        return Long.parseLong(v.textValue());
      } catch (NumberFormatException e) {
        // Above 2^63-1: refused below.
      }
    }
    throw new IllegalArgumentException(
        "field '"
            + field
            + "' must be an unsigned integer below 2^63, as a JSON integer or string");
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A string field. Unpaired surrogates are refused: UTF-8 cannot carry them, so two different
   * strings would hash to the same EIP-712 word.
   */
  private static String string(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    String s = v.textValue();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("field '" + field + "' contains an unpaired surrogate");
      }
    }
    return s;
  }

  private static EthAddress address(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be an address string");
    }
    try {
      return EthAddress.parse(v.textValue());
    } catch (CryptoException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be 0x and 40 hex digits (EIP-55 checksum if mixed case)");
    }
  }
}
