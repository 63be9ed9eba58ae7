package io.txnchain.dex.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.app.AppRejectedException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Strict JSON reading and writing for the DEX's requests, so that every replica reads an input the
 * same way: duplicate names, trailing tokens and unknown fields are refused, and numbers never pass
 * through floating point. Messages name fields, never values, because inputs may arrive sealed.
 */
final class DexJson {
  // Floats become BigDecimal so that no request ever goes through double; duplicate names are
  // refused because "last one wins" would hide what the signer meant.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private DexJson() {}

  /** Parses an input that must be one JSON object. */
  static ObjectNode parseObject(byte[] input) throws AppRejectedException {
    JsonNode node;
    try {
      node = MAPPER.readTree(input);
    } catch (IOException e) {
      // The parser's message quotes the input, which may be sealed: keep it out.
      throw new AppRejectedException(Codes.MALFORMED_INPUT, "input is not valid UTF-8 JSON");
    }
    if (node == null || !node.isObject()) {
      throw new AppRejectedException(Codes.MALFORMED_INPUT, "input must be a JSON object");
    }
    return (ObjectNode) node;
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize JSON", e);
    }
  }

  static AppRejectedException invalid(String message) {
    return new AppRejectedException(Codes.INVALID_FIELD, message);
  }

  /** Refuses fields outside {@code allowed}, so that a misspelt field is not silently ignored. */
  static void allowOnly(ObjectNode request, String... allowed) throws AppRejectedException {
    List<String> names = Arrays.asList(allowed);
    for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        throw invalid("unknown field '" + name + "'");
      }
    }
  }

  static JsonNode required(ObjectNode request, String field) throws AppRejectedException {
    JsonNode node = request.get(field);
    if (node == null) {
      throw invalid("missing field '" + field + "'");
    }
    return node;
  }

  static String requiredString(ObjectNode request, String field) throws AppRejectedException {
    JsonNode node = required(request, field);
    if (!node.isTextual()) {
      throw invalid("field '" + field + "' must be a string");
    }
    return node.textValue();
  }

  /** An optional string field; {@code null} when absent. */
  static String optionalString(ObjectNode request, String field) throws AppRejectedException {
    return request.has(field) ? requiredString(request, field) : null;
  }

  /** An optional integer field within {@code [min, max]}. */
  static int optionalInt(ObjectNode request, String field, int fallback, int min, int max)
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

  /** A positive 64-bit integer given as a JSON integer or a string of ASCII digits. */
  static long positiveLong(ObjectNode request, String field) throws AppRejectedException {
    JsonNode node = required(request, field);
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
      return node.longValue();
    }
    if (node.isTextual() && isDigits(node.textValue())) {
      try {
        long v = Long.parseLong(node.textValue());
        if (v > 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // Out of range: refused below.
      }
    }
    throw invalid("field '" + field + "' must be a positive 64-bit integer");
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
}
