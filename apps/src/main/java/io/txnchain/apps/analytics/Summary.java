package io.txnchain.apps.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.LongConsumer;

/** Count, exact sum, mean, minimum, maximum and an optional histogram over a stream of values. */
final class Summary implements LongConsumer {
  private final Histogram histogram;
  private long count;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  // The sum is partial + carried; partial stays a long for speed and spills when it would overflow.
  private long partial;
  private BigInteger carried = BigInteger.ZERO;

  /**
   * @param histogram the histogram to fill too, or {@code null}
   */
  Summary(Histogram histogram) {
    this.histogram = histogram;
  }

  @Override
  public void accept(long value) {
    count++;
    min = Math.min(min, value);
    max = Math.max(max, value);
    long next = partial + value;
    // Signed overflow happened iff both operands have a sign the result lacks.
    if (((partial ^ next) & (value ^ next)) < 0) {
      carried = carried.add(BigInteger.valueOf(partial));
      next = value;
    }
    partial = next;
    if (histogram != null) {
      histogram.add(value);
    }
  }

  long count() {
    return count;
  }

  BigInteger sum() {
    return carried.add(BigInteger.valueOf(partial));
  }

  /** The mean rounded half-even to two decimals, computed without floating point. */
  String mean() {
    return new BigDecimal(sum())
        .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  /** Adds the statistics to {@code out}; there must have been at least one value. */
  void writeTo(ObjectNode out) {
    if (count == 0) {
      throw new IllegalStateException("no values");
    }
    out.put("count", count);
    out.put("sum", sum().toString());
    out.put("mean", mean());
    out.put("min", Long.toString(min));
    out.put("max", Long.toString(max));
    if (histogram != null) {
      out.set("histogram", histogram.toJson());
    }
  }
}
