package io.txnchain.bench.dex;

/**
 * One timed pass over a stream's timed commands.
 *
 * @param name what ran
 * @param nanos wall-clock time of the timed commands
 * @param cpuNanos CPU time of the timed commands: of the calling thread for the one-thread runs, of
 *     the whole process (every pipeline thread, plus GC and JIT) for exchange-core's pipeline
 * @param ops number of timed commands
 * @param trades trades seen during the timed commands
 * @param volume quantity traded during the timed commands
 * @param failures commands refused (our engine: rejection events; exchange-core: result codes other
 *     than SUCCESS; books: cancels or moves of an unknown order)
 * @param restingAfter resting orders after the last command, or -1 if not known
 */
public record RunResult(
    String name,
    long nanos,
    long cpuNanos,
    int ops,
    long trades,
    long volume,
    long failures,
    int restingAfter) {

  /** Commands per second. */
  public double opsPerSecond() {
    return ops * 1e9 / nanos;
  }

  /** Commands per CPU-second (see {@link #cpuNanos}). */
  public double opsPerCpuSecond() {
    return ops * 1e9 / cpuNanos;
  }

  /** CPU time of the current thread, ns. */
  static long threadCpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** CPU time of the whole JVM process, ns. */
  static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
