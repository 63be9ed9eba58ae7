package io.txnchain.node.quota;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quotas of every hosted app and their use on this node: work orders in flight, refusals, and
 * executions that took longer than the app's time quota.
 *
 * <p>Configuration ({@code apps.quotas}): {@code app=concurrent/inputBytes/millis,...}, for example
 * {@code analytics=8/1048576/2000,kv=64/65536/200}; apps not named get {@link #DEFAULT}.
 */
public final class AppQuotas {
  /** The quota of an app the configuration does not name. */
  public static final AppQuota DEFAULT = new AppQuota(256, 1024 * 1024, 1000);

  private final SortedMap<String, AppQuota> quotas;
  private final Map<String, Usage> usage = new ConcurrentHashMap<>();

  /** One app's use of its quota on this node. */
  private static final class Usage {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong overTime = new AtomicLong();
    final AtomicLong slowestMicros = new AtomicLong();
  }

  private AppQuotas(SortedMap<String, AppQuota> quotas) {
    this.quotas = quotas;
  }

  /** Parses {@code apps.quotas}. */
  public static AppQuotas parse(String spec) {
    SortedMap<String, AppQuota> q = new TreeMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] kv = entry.trim().split("=", 2);
      String[] v = kv.length == 2 ? kv[1].split("/") : new String[0];
      if (v.length != 3 || kv[0].isBlank()) {
        throw new IllegalArgumentException(
            "apps.quotas entry '" + entry + "' is not app=concurrent/inputBytes/millis");
      }
      try {
        q.put(
            kv[0].trim(),
            new AppQuota(
                Integer.parseInt(v[0].trim()),
                Integer.parseInt(v[1].trim()),
                Long.parseLong(v[2].trim())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "apps.quotas entry '" + entry + "': " + e.getMessage(), e);
      }
    }
    return new AppQuotas(q);
  }

  /** The quota of {@code app}. */
  public AppQuota of(String app) {
    return quotas.getOrDefault(app, DEFAULT);
  }

  private Usage usage(String app) {
    return usage.computeIfAbsent(app, a -> new Usage());
  }

  /**
   * Takes one of the app's concurrency slots; false (and counted as refused) when all are taken. A
   * true answer must be followed by exactly one {@link #release}.
   */
  public boolean tryAcquire(String app) {
    Usage u = usage(app);
    int limit = of(app).maxConcurrent();
    while (true) {
      int now = u.inFlight.get();
      if (now >= limit) {
        u.refused.incrementAndGet();
        return false;
      }
      if (u.inFlight.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Returns a slot taken with {@link #tryAcquire}. */
  public void release(String app) {
    usage(app).inFlight.decrementAndGet();
  }

  /** Counts a refusal made before a slot was asked for (an oversized input). */
  public void refused(String app) {
    usage(app).refused.incrementAndGet();
  }

  /** Records how long one execution of {@code app} took inside the state machine. */
  public void executed(String app, long nanos) {
    Usage u = usage(app);
    long micros = nanos / 1000;
    u.slowestMicros.accumulateAndGet(micros, Math::max);
    if (micros > of(app).maxExecutionMillis() * 1000) {
      u.overTime.incrementAndGet();
    }
  }

  /** The quota and its use, for status. */
  public void describe(String app, ObjectNode into) {
    AppQuota q = of(app);
    Usage u = usage(app);
    into.put("maxConcurrent", q.maxConcurrent());
    into.put("maxInputBytes", q.maxInputBytes());
    into.put("maxExecutionMillis", q.maxExecutionMillis());
    into.put("inFlight", u.inFlight.get());
    into.put("refused", u.refused.get());
    into.put("overTime", u.overTime.get());
    into.put("slowestMicros", u.slowestMicros.get());
  }
}
