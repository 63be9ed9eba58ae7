package io.txnchain.apps.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.app.AppRejectedException;
import java.math.BigInteger;
import java.util.Iterator;

/**
 * Equal-width buckets over {@code [min, max)}: a value {@code v} in range goes to bucket {@code
 * floor((v - min) * buckets / (max - min))}; values below {@code min} count as underflow and values
 * at or above {@code max} as overflow. Computed exactly in integers.
 */
final class Histogram {
  static final int MAX_BUCKETS = 1000;

  private final long min;
  private final long max;
  private final long[] counts;
  private long underflow;
  private long overflow;

  // max - min read as unsigned: exact for any min < max, even when it exceeds Long.MAX_VALUE.
  private final long range;
  // Whether (v - min) * buckets always fits a signed long, allowing the fast path.
  private final boolean narrow;
  private final BigInteger wideRange;

  Histogram(long min, long max, int buckets) {
    if (min >= max || buckets < 1 || buckets > MAX_BUCKETS) {
      throw new IllegalArgumentException("need min < max and 1 to 1000 buckets");
    }
    this.min = min;
    this.max = max;
    this.counts = new long[buckets];
    this.range = max - min;
    this.narrow = Long.compareUnsigned(range, Long.MAX_VALUE / buckets) <= 0;
    this.wideRange = unsigned(range);
  }

  /** Reads {@code {"min":..,"max":..,"buckets":n}}, with min and max as in {@link Json#int64}. */
  static Histogram parse(JsonNode node) throws AppRejectedException {
    if (!node.isObject()) {
      throw AppJson.invalid("field 'histogram' must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("min") && !name.equals("max") && !name.equals("buckets")) {
        throw AppJson.invalid("unknown field 'histogram." + name + "'");
      }
    }
    long min = AppJson.int64(required(node, "min"), "field 'histogram.min'");
    long max = AppJson.int64(required(node, "max"), "field 'histogram.max'");
    JsonNode buckets = required(node, "buckets");
    if (!buckets.isIntegralNumber()
        || !buckets.canConvertToLong()
        || buckets.longValue() < 1
        || buckets.longValue() > MAX_BUCKETS) {
      throw AppJson.invalid(
          "field 'histogram.buckets' must be an integer from 1 to " + MAX_BUCKETS);
    }
    if (min >= max) {
      throw AppJson.invalid("field 'histogram.min' must be less than 'histogram.max'");
    }
    return new Histogram(min, max, (int) buckets.longValue());
  }

  private static JsonNode required(JsonNode node, String field) throws AppRejectedException {
    JsonNode value = node.get(field);
    if (value == null) {
      throw AppJson.invalid("missing field 'histogram." + field + "'");
    }
    return value;
  }

  void add(long value) {
    if (value < min) {
      underflow++;
    } else if (value >= max) {
      overflow++;
    } else {
      counts[bucketOf(value)]++;
    }
  }

  /** The bucket of a value in {@code [min, max)}. */
  int bucketOf(long value) {
    long offset = value - min; // exact as unsigned, and below range
    if (narrow) {
      return (int) (offset * counts.length / range);
    }
    return unsigned(offset)
        .multiply(BigInteger.valueOf(counts.length))
        .divide(wideRange)
        .intValueExact();
  }

  ObjectNode toJson() {
    ObjectNode out = AppJson.object();
    out.put("min", Long.toString(min));
    out.put("max", Long.toString(max));
    ArrayNode buckets = out.putArray("buckets");
    for (long count : counts) {
      buckets.add(count);
    }
    out.put("underflow", underflow);
    out.put("overflow", overflow);
    return out;
  }

  private static BigInteger unsigned(long value) {
    BigInteger low = BigInteger.valueOf(value & Long.MAX_VALUE);
    return value < 0 ? low.setBit(Long.SIZE - 1) : low;
  }
}
