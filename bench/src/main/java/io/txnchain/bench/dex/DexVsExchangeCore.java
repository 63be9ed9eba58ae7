package io.txnchain.bench.dex;

import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.api.ApiCommand;
import io.txnchain.dex.engine.Command;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side benchmark of the Pixie DEX engine and exchange-core 0.5.3 over the same generated
 * command stream, in the same JVM, in interleaved rounds:
 *
 * <ol>
 *   <li>(a) matching core, one thread: our {@code FastOrderBook} vs exchange-core's {@code
 *       OrderBookDirectImpl};
 *   <li>(b) whole engine: our {@code Engine} (validation, balances, locks, fees, settlement, events
 *       to a discarding sink; one thread) vs exchange-core's pipeline with its risk engine ({@code
 *       ExchangeApi}, YIELDING wait strategy);
 *   <li>a lockstep cross-check of the trades of our {@code FastOrderBook} and exchange-core's
 *       {@code OrderBookNaiveImpl} over a prefix of the stream (after the timed rounds, so that the
 *       naive book's classes do not disturb the JIT profiles of the measured code);
 *   <li>heap used with 1,000,000 resting orders.
 * </ol>
 *
 * <p>Run (JDK 17; exchange-core's Chronicle dependency needs the module flags of {@code
 * bench/dex-vs-exchange-core.sh}): {@code bench/dex-vs-exchange-core.sh [options]}, options as in
 * {@link Options#parse}.
 */
public final class DexVsExchangeCore {

  /** Run options. */
  public record Options(
      DexCommandStream.Params stream,
      int warmupRounds,
      int rounds,
      int checkPrefix,
      int heapOrders,
      int heapLevels,
      ExchangeCoreRuns.PipelineConfig pipeline,
      boolean core,
      boolean engine) {

    /** The issue's sizes: 3,000,000 commands, 1 warm-up + 3 measured rounds, 1,000,000 orders. */
    public static Options issue() {
      return new Options(
          DexCommandStream.Params.issue(),
          1,
          3,
          300_000,
          1_000_000,
          5_000,
          ExchangeCoreRuns.PipelineConfig.standard(),
          true,
          true);
    }

    /**
     * Parses {@code --commands N --users N --book N --seed N --warmup N --rounds N --check-prefix N
     * --heap-orders N (0 = skip) --heap-levels N --ring N --wait YIELDING|BUSY_SPIN|BLOCKING --only
     * core|engine}; unnamed options keep {@link #issue()}'s values.
     */
    public static Options parse(String[] args) {
      Options o = issue();
      DexCommandStream.Params p = o.stream();
      int users = p.users();
      int book = p.targetBook();
      int commands = p.commands();
      long seed = p.seed();
      int warmup = o.warmupRounds();
      int rounds = o.rounds();
      int check = o.checkPrefix();
      int heapOrders = o.heapOrders();
      int heapLevels = o.heapLevels();
      int ring = o.pipeline().ringBufferSize();
      CoreWaitStrategy wait = o.pipeline().waitStrategy();
      boolean core = true;
      boolean engine = true;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--commands" -> commands = Integer.parseInt(v);
          case "--users" -> users = Integer.parseInt(v);
          case "--book" -> book = Integer.parseInt(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--rounds" -> rounds = Integer.parseInt(v);
          case "--check-prefix" -> check = Integer.parseInt(v);
          case "--heap-orders" -> heapOrders = Integer.parseInt(v);
          case "--heap-levels" -> heapLevels = Integer.parseInt(v);
          case "--ring" -> ring = Integer.parseInt(v);
          case "--wait" -> wait = CoreWaitStrategy.valueOf(v);
          case "--only" -> {
            core = v.equals("core");
            engine = v.equals("engine");
            if (!core && !engine) {
              throw new IllegalArgumentException("--only core|engine");
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return new Options(
          new DexCommandStream.Params(users, book, commands, seed),
          warmup,
          rounds,
          check,
          heapOrders,
          heapLevels,
          new ExchangeCoreRuns.PipelineConfig(ring, wait),
          core,
          engine);
    }
  }

  /**
   * Everything one run measured.
   *
   * @param stream what the command stream held (see {@link DexVsExchangeCore#describe})
   * @param expectedTrades trades in the timed part, by the generator's own simulation
   * @param expectedVolume quantity traded in the timed part, likewise
   * @param coreOurs (a) our measured rounds
   * @param coreTheirs (a) exchange-core's measured rounds
   * @param engineOurs (b) our measured rounds
   * @param engineTheirs (b) exchange-core's measured rounds
   * @param check the lockstep cross-check, or {@code null}
   * @param heap heap measurements
   */
  public record Report(
      String stream,
      long expectedTrades,
      long expectedVolume,
      List<RunResult> coreOurs,
      List<RunResult> coreTheirs,
      List<RunResult> engineOurs,
      List<RunResult> engineTheirs,
      CrossCheck.Result check,
      List<HeapProbe.Result> heap) {}

  private DexVsExchangeCore() {}

  /** Entry point. */
  public static void main(String[] args) {
    Report r = run(Options.parse(args), System.out);
    List<String> problems = problems(r);
    if (problems.isEmpty()) {
      System.out.println(
          "\nConsistency: every run traded what the generator expected; no refusals.");
    } else {
      System.out.println("\nCONSISTENCY PROBLEMS:");
      problems.forEach(p -> System.out.println("  " + p));
    }
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  /** Runs everything {@code o} asks for, printing progress and a summary to {@code out}. */
  public static Report run(Options o, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "JVM %s %s, %d CPUs, max heap %d MiB, args %s%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("--add-"))
            .toList());
    long g0 = System.nanoTime();
    DexCommandStream s = DexCommandStream.generate(o.stream());
    Command[] ourCmds = o.engine() ? OurRuns.engineCommands(s) : null;
    ApiCommand[] theirCmds = o.engine() ? ExchangeCoreRuns.apiCommands(s) : null;
    out.printf(
        Locale.ROOT,
        "stream generated in %.1f s%n%s%n",
        (System.nanoTime() - g0) / 1e9,
        describe(s));

    List<RunResult> coreOurs = new ArrayList<>();
    List<RunResult> coreTheirs = new ArrayList<>();
    List<RunResult> engineOurs = new ArrayList<>();
    List<RunResult> engineTheirs = new ArrayList<>();
    int total = o.warmupRounds() + o.rounds();
    for (int round = 0; round < total; round++) {
      boolean warm = round < o.warmupRounds();
      String label = warm ? "warm-up " + (round + 1) : "round " + (round - o.warmupRounds() + 1);
      boolean oursFirst = round % 2 == 0;
      if (o.core()) {
        RunResult[] pair = new RunResult[2];
        for (int k = 0; k < 2; k++) {
          boolean ours = (k == 0) == oursFirst;
          System.gc();
          RunResult res = ours ? OurRuns.matchingCore(s) : ExchangeCoreRuns.directBook(s);
          pair[ours ? 0 : 1] = res;
          print(out, label + " (a)", res);
        }
        out.printf(
            Locale.ROOT,
            "%s (a) ratio ours/exchange-core = %.2f%n",
            label,
            pair[0].opsPerSecond() / pair[1].opsPerSecond());
        if (!warm) {
          coreOurs.add(pair[0]);
          coreTheirs.add(pair[1]);
        }
      }
      if (o.engine()) {
        RunResult[] pair = new RunResult[2];
        for (int k = 0; k < 2; k++) {
          boolean ours = (k == 0) == oursFirst;
          System.gc();
          RunResult res =
              ours
                  ? OurRuns.engine(s, ourCmds)
                  : ExchangeCoreRuns.pipeline(s, theirCmds, o.pipeline());
          pair[ours ? 0 : 1] = res;
          print(out, label + " (b)", res);
        }
        out.printf(
            Locale.ROOT,
            "%s (b) ratio ours/exchange-core = %.2f%n",
            label,
            pair[0].opsPerSecond() / pair[1].opsPerSecond());
        if (!warm) {
          engineOurs.add(pair[0]);
          engineTheirs.add(pair[1]);
        }
      }
    }
    ourCmds = null;
    theirCmds = null;

    CrossCheck.Result check = null;
    if (o.checkPrefix() > 0) {
      check = CrossCheck.run(s, o.checkPrefix());
      out.printf(
          Locale.ROOT, "%ncross-check, FastOrderBook vs exchange-core OrderBookNaiveImpl:%n");
      out.printf(
          Locale.ROOT,
          "  %,d timed commands (after %,d prefill): ours %,d trades / %,d lots, exchange-core %,d"
              + " trades / %,d lots; commands with different trades: %d; resting at the end: ours"
              + " %,d, exchange-core %,d; exchange-core failures: %d -> %s%n",
          check.commands(),
          s.prefill,
          check.oursTrades(),
          check.oursVolume(),
          check.theirsTrades(),
          check.theirsVolume(),
          check.commandsDiffering(),
          check.oursResting(),
          check.theirsResting(),
          check.theirsFailures(),
          check.identical() ? "IDENTICAL" : "DIFFERENT");
      if (check.firstDifference() != null) {
        out.println("  first difference: " + check.firstDifference());
      }
    }

    String described = describe(s);
    long expectedTrades = s.expectedTrades;
    long expectedVolume = s.expectedVolume;
    List<HeapProbe.Result> heap = new ArrayList<>();
    if (o.heapOrders() > 0) {
      s = null; // the stream's arrays are not part of what is measured
      int users = o.stream().users();
      out.printf(
          Locale.ROOT,
          "%nheap used after System.gc() (MemoryMXBean), %,d resting orders on %,d levels per"
              + " side:%n",
          o.heapOrders(),
          o.heapLevels());
      heap.add(HeapProbe.fastOrderBook(o.heapOrders(), users, o.heapLevels(), 7));
      heap.add(HeapProbe.engine(o.heapOrders(), users, o.heapLevels(), 7));
      heap.add(HeapProbe.directBook(o.heapOrders(), users, o.heapLevels(), 7));
      for (HeapProbe.Result h : heap) {
        out.printf(
            Locale.ROOT,
            "  %-46s %,9d orders: heap used %,7.1f MiB (baseline %,6.1f MiB), structure %,7.1f MiB"
                + " = %,d B/order%n",
            h.what(),
            h.orders(),
            h.withOrdersBytes() / 1048576.0,
            h.baselineBytes() / 1048576.0,
            h.deltaBytes() / 1048576.0,
            h.deltaBytes() / Math.max(1, h.orders()));
      }
    }

    Report report =
        new Report(
            described,
            expectedTrades,
            expectedVolume,
            coreOurs,
            coreTheirs,
            engineOurs,
            engineTheirs,
            check,
            List.copyOf(heap));
    summary(out, report);
    return report;
  }

  /** A few lines on what the stream holds. */
  public static String describe(DexCommandStream s) {
    int t = s.timedCommands();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "  %,d users, prefill %,d GTC orders, %,d timed commands:",
            s.params.users(),
            s.prefill,
            t));
    for (int k = 0; k < 4; k++) {
      b.append(
          String.format(
              Locale.ROOT,
              " %s %.1f%%",
              DexCommandStream.TYPE_NAMES[k],
              100.0 * s.typeCounts[k] / t));
    }
    b.append(String.format(Locale.ROOT, " (fallbacks %d)%n", s.fallbacks));
    b.append(
        String.format(
            Locale.ROOT,
            "  resting orders during the timed part: min %,d, mean %,.0f, max %,d; at the end %,d"
                + " on %,d price levels%n",
            s.minBook,
            s.meanBook,
            s.maxBook,
            s.finalOrders,
            s.finalLevels));
    b.append(
        String.format(
            Locale.ROOT,
            "  expected (generator's simulation): %,d trades, %,d lots; %,d commands (%.1f%%)"
                + " trade",
            s.expectedTrades,
            s.expectedVolume,
            s.commandsWithTrades,
            100.0 * s.commandsWithTrades / t));
    return b.toString();
  }

  private static void print(PrintStream out, String label, RunResult r) {
    out.printf(
        Locale.ROOT,
        "%s %-36s %,11.0f ops/s  (%,d ms, CPU %,d ms; %,d trades, %,d lots, %d failures, %s"
            + " resting)%n",
        label,
        r.name(),
        r.opsPerSecond(),
        r.nanos() / 1_000_000,
        r.cpuNanos() / 1_000_000,
        r.trades(),
        r.volume(),
        r.failures(),
        r.restingAfter() < 0 ? "?" : String.format(Locale.ROOT, "%,d", r.restingAfter()));
  }

  static double median(List<RunResult> rs) {
    double[] v = rs.stream().mapToDouble(RunResult::opsPerSecond).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void summary(PrintStream out, Report r) {
    out.printf(
        Locale.ROOT,
        "%n| comparison | ours, ops/s (median) | exchange-core, ops/s (median) | ratio of medians |"
            + " ratio per round | ours, best round | exchange-core, best round | ratio of bests |%n"
            + "|---|---:|---:|---:|---|---:|---:|---:|%n");
    row(out, "(a) FastOrderBook vs OrderBookDirectImpl", r.coreOurs(), r.coreTheirs());
    row(out, "(b) Engine vs pipeline (risk, YIELDING)", r.engineOurs(), r.engineTheirs());
    if (!r.coreOurs().isEmpty()) {
      double ours = medianCpu(r.coreOurs());
      double theirs = medianCpu(r.coreTheirs());
      out.printf(
          Locale.ROOT,
          "%n(a) per CPU-second of the benchmark thread (insensitive to time the thread was not"
              + " running): ours %,.0f, exchange-core %,.0f, ratio %.2f%n",
          ours,
          theirs,
          ours / theirs);
    }
  }

  static double best(List<RunResult> rs) {
    return rs.stream().mapToDouble(RunResult::opsPerSecond).max().orElse(Double.NaN);
  }

  static double medianCpu(List<RunResult> rs) {
    double[] v = rs.stream().mapToDouble(RunResult::opsPerCpuSecond).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void row(PrintStream out, String name, List<RunResult> ours, List<RunResult> th) {
    if (ours.isEmpty()) {
      return;
    }
    double[] ratios = new double[ours.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = ours.get(i).opsPerSecond() / th.get(i).opsPerSecond();
    }
    StringBuilder per = new StringBuilder();
    for (double x : ratios) {
      per.append(per.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", x));
    }
    double bestOurs = best(ours);
    double bestTheirs = best(th);
    out.printf(
        Locale.ROOT,
        "| %s | %,.0f | %,.0f | %.2f | %s | %,.0f | %,.0f | %.2f |%n",
        name,
        median(ours),
        median(th),
        median(ours) / median(th),
        per,
        bestOurs,
        bestTheirs,
        bestOurs / bestTheirs);
  }

  /**
   * Where the engines disagree, empty when they agree: every measured run of either side must trade
   * what the generator's own simulation traded with nothing refused, and the lockstep cross-check
   * must find identical trades.
   */
  public static List<String> problems(Report r) {
    List<RunResult> all = new ArrayList<>();
    all.addAll(r.coreOurs());
    all.addAll(r.coreTheirs());
    all.addAll(r.engineOurs());
    all.addAll(r.engineTheirs());
    List<String> problems = new ArrayList<>();
    for (RunResult x : all) {
      if (x.trades() != r.expectedTrades()
          || x.volume() != r.expectedVolume()
          || x.failures() != 0) {
        problems.add(
            String.format(
                Locale.ROOT,
                "%s: %d trades / %d lots / %d failures, expected %d / %d / 0",
                x.name(),
                x.trades(),
                x.volume(),
                x.failures(),
                r.expectedTrades(),
                r.expectedVolume()));
      }
    }
    if (r.check() != null && !r.check().identical()) {
      problems.add("cross-check with OrderBookNaiveImpl: " + r.check());
    }
    return problems;
  }
}
