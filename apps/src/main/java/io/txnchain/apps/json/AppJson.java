package io.txnchain.apps.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.app.AppRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Strict JSON reading and writing, so that every replica reads an input the same way.
 *
 * <p>Apps that use it list this package in {@link io.txnchain.tee.app.EnclaveApp#codeAnchors()}, so
 * it is measured and checked as part of each of their bundles.
 */
public final class AppJson {

  // Floats become BigDecimal: going through double would make the written text depend on the
  // JDK's double-to-string algorithm, which has changed between releases. Trailing zeros are kept
  // so a stored value reads back as written. Duplicate names are refused because "last one wins"
  // would hide what the signer meant.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private AppJson() {}

  /** Parses an input that must be one JSON object. */
  public static ObjectNode parseObject(byte[] input) throws AppRejectedException {
    JsonNode node;
    try {
      node = MAPPER.readTree(input);
    } catch (IOException e) {
      // The parser's message quotes the input, which may be sealed: keep it out.
      throw new AppRejectedException("malformed_input", "input is not valid UTF-8 JSON");
    }
    if (node == null || !node.isObject()) {
      throw new AppRejectedException("malformed_input", "input must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Reads JSON this app wrote itself. */
  public static JsonNode readStored(byte[] stored) {
    try {
      return MAPPER.readTree(stored);
    } catch (IOException e) {
      throw new IllegalStateException("corrupt app state", e);
    }
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize JSON", e);
    }
  }

  public static AppRejectedException invalid(String message) {
    return new AppRejectedException("invalid_field", message);
  }

  /** Refuses fields outside {@code allowed}, so that a misspelt field is not silently ignored. */
  public static void allowOnly(ObjectNode request, String... allowed) throws AppRejectedException {
    List<String> names = Arrays.asList(allowed);
    for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        throw invalid("unknown field '" + name + "'");
      }
    }
  }

  public static JsonNode required(ObjectNode request, String field) throws AppRejectedException {
    JsonNode node = request.get(field);
    if (node == null) {
      throw invalid("missing field '" + field + "'");
    }
    return node;
  }

  public static String requiredString(ObjectNode request, String field)
      throws AppRejectedException {
    JsonNode node = required(request, field);
    if (!node.isTextual()) {
      throw invalid("field '" + field + "' must be a string");
    }
    return node.textValue();
  }

  public static String optionalString(ObjectNode request, String field, String fallback)
      throws AppRejectedException {
    return request.has(field) ? requiredString(request, field) : fallback;
  }

  /** An optional integer field within {@code [min, max]}. */
  public static int optionalInt(ObjectNode request, String field, int fallback, int min, int max)
      throws AppRejectedException {
    JsonNode node = request.get(field);
    if (node == null) {
      return fallback;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < min
        || node.longValue() > max) {
      throw invalid("field '" + field + "' must be an integer from " + min + " to " + max);
    }
    return (int) node.longValue();
  }

  /**
   * The UTF-8 bytes of a string field, between {@code minBytes} and {@code maxBytes} long. Unpaired
   * surrogates are refused because UTF-8 cannot carry them: they would all encode as {@code ?} and
   * distinct strings would collide.
   */
  public static byte[] utf8(String value, String field, int minBytes, int maxBytes)
      throws AppRejectedException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid("field '" + field + "' contains an unpaired surrogate");
      }
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < minBytes || bytes.length > maxBytes) {
      throw invalid(
          "field '" + field + "' must be " + minBytes + " to " + maxBytes + " UTF-8 bytes long");
    }
    return bytes;
  }

  /**
   * A signed 64-bit integer given as a JSON integer or as a string of ASCII digits with an optional
   * leading minus. Anything else, such as {@code 1.5}, {@code 1e3} or {@code "+1"}, is refused.
   *
   * @param what names the offending element in the message; never the value, which may be sealed
   */
  public static long int64(JsonNode node, String what) throws AppRejectedException {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual() && isAsciiInteger(node.textValue())) {
      try {
        return Long.parseLong(node.textValue());
      } catch (NumberFormatException e) {
        // Out of range: fall through to the refusal.
      }
    }
    throw invalid(
        what + " must be an integer in the signed 64-bit range, as a JSON integer or a string");
  }

  // Long.parseLong alone would also take "+1" and non-ASCII digits.
  private static boolean isAsciiInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
