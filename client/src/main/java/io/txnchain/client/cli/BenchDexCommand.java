package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.cli.bench.LatencySummary;
import io.txnchain.client.cli.bench.LoadGenerator;
import io.txnchain.client.cli.bench.LoadResult;
import io.txnchain.client.cli.bench.SignedLoad;
import io.txnchain.client.sdk.AttestedEnclave;
import io.txnchain.client.sdk.RetryingSubmitter;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.RpcOutcome;
import io.txnchain.client.sdk.SealedResults;
import io.txnchain.client.sdk.Sealer;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxResult;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code txnchain bench dex}: funds K fresh traders from the development faucet, builds N signed
 * (and, by default, sealed) GTC limit orders ({@link DexOrderStream}), all before the clock starts,
 * then sends them as {@code txn_process} batches with C requests in flight. Reports orders/s,
 * accepted and rejected orders by reason code, order statuses and trades executed (from the opened
 * results), and latency percentiles. Exit 0 when every batch was answered (app rejections are
 * results, not failures), 1 when some calls failed otherwise, 3 when none reached the node.
 */
@Command(
    name = "dex",
    description =
        "Load the dex app with pre-signed, sealed orders through txn_process; report orders/s,"
            + " trades and latency.")
final class BenchDexCommand implements Callable<Integer> {
  private static final String APP_REJECTED = "APP_REJECTED";
  private static final Pattern REASON = Pattern.compile("^\\s*([a-z][a-z_]*):");

  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private NoSealOption sealing;

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "5000",
      description = "orders (default: ${DEFAULT-VALUE})")
  private int orders;

  @Option(
      names = "--traders",
      paramLabel = "K",
      defaultValue = "20",
      description = "funded traders, fresh keys (default: ${DEFAULT-VALUE})")
  private int traders;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "8",
      description = "requests in flight (default: ${DEFAULT-VALUE})")
  private int concurrency;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "32",
      description =
          "orders per request; concurrency x batch stays within the node's default dex quota of"
              + " 256 work orders in flight (default: ${DEFAULT-VALUE})")
  private int batch;

  @Option(
      names = "--market",
      paramLabel = "M",
      defaultValue = "ETH-USDC",
      description = "market (default: ${DEFAULT-VALUE})")
  private String market;

  @Option(
      names = "--mid",
      paramLabel = "P",
      defaultValue = "2000",
      description = "mid price in whole quote tokens (default: ${DEFAULT-VALUE})")
  private long mid;

  @Option(
      names = "--spread",
      paramLabel = "S",
      defaultValue = "2",
      description = "prices spread over mid +- S whole quote tokens (default: ${DEFAULT-VALUE})")
  private int spread;

  @Option(
      names = "--view-keys",
      description =
          "register every trader's view key before the run, so that the enclave seals balance"
              + " snapshots to them after each order (docs/dex.md)")
  private boolean viewKeys;

  BenchDexCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** What the opened results and errors add up to. */
  private static final class Tally {
    long accepted;
    long rejected;
    long otherErrors;
    long trades;
    final Map<String, Long> rejectedByReason = new TreeMap<>();
    final Map<String, String> rejectExamples = new TreeMap<>();
    final Map<String, Long> statuses = new TreeMap<>();
    final Map<String, Long> errorsByCode = new TreeMap<>();
  }

  @Override
  public Integer call() throws InterruptedException {
    validate();
    TxnChainClient client = node.connect();
    DexSession session = new DexSession(ctx, client);
    String chainId = Progress.during(ctx, "waiting for " + client.node(), () -> session.chainId());
    List<UserKey> keys = new ArrayList<>();
    for (int i = 0; i < traders; i++) {
      keys.add(UserKey.generate(ctx.random()));
    }
    DexMarkets markets = session.markets(keys.get(0));
    DexMarkets.Market m =
        markets
            .market(market)
            .orElseThrow(
                () -> usage("--market: no market '" + market + "' (" + markets.symbols() + ")"));
    if (m.quantityDecimals() < 2) {
      throw usage("--market: " + market + " has fewer than 2 quantity decimals");
    }
    byte[] measurement = session.dexApp().measurementBytes();
    SignedLoad.PayloadSealer sealer =
        sealing.seal()
            ? Progress.during(ctx, "attesting the enclave", () -> sealer(client, chainId))
            : null;

    long fundStart = System.nanoTime();
    String[] amounts = fundingAmounts();
    AtomicInteger funded = new AtomicInteger();
    Progress.during(
        ctx,
        () -> "funding " + funded.get() + "/" + traders + " traders",
        () -> {
          for (UserKey k : keys) {
            deposit(client, chainId, measurement, k, m.base(), amounts[0], sealer);
            deposit(client, chainId, measurement, k, m.quote(), amounts[1], sealer);
            if (viewKeys) {
              registerViewKey(client, chainId, measurement, k, sealer);
            }
            funded.incrementAndGet();
          }
          return null;
        });
    double fundSeconds = (System.nanoTime() - fundStart) / 1e9;

    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger built = new AtomicInteger();
    DexOrderStream stream =
        Progress.during(
            ctx,
            () -> "signing " + built.get() + "/" + orders + " orders",
            () ->
                DexOrderStream.build(
                    new DexOrderStream.Spec(
                        chainId,
                        markets.domain(),
                        m,
                        measurement,
                        keys,
                        orders,
                        batch,
                        mid,
                        spread),
                    sealer,
                    ctx.random(),
                    threads,
                    built));

    List<List<RpcOutcome>> answers = new ArrayList<>();
    int batches = stream.bodies().size();
    for (int i = 0; i < batches; i++) {
      answers.add(null);
    }
    LoadGenerator generator =
        new LoadGenerator(
            client,
            stream.bodies(),
            stream.batchSizes(),
            concurrency,
            (b, outcomes) -> answers.set(b, outcomes));
    LoadResult result =
        Progress.during(
            ctx,
            () ->
                "sent "
                    + generator.completed()
                    + "/"
                    + orders
                    + " orders, "
                    + generator.failed()
                    + " refused",
            generator::run);
    Tally tally =
        Progress.during(
            ctx, "opening results", () -> tally(chainId, keys, stream, answers, result));
    ObjectNode json = report(client, chainId, stream, fundSeconds, amounts, result, tally);
    output.output().print(json, () -> text(stream, result, tally));
    if (result.unreachable()) {
      ctx.warn("error: no batch reached the node at " + client.node());
      return ExitCodes.UNREACHABLE;
    }
    return tally.otherErrors == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private SignedLoad.PayloadSealer sealer(TxnChainClient client, String chainId) {
    Sealer s = Sealer.forNode(client, ctx.random());
    SealOptions policy = new SealOptions(ctx);
    policy.allowSimulated = sealing.allowSimulated;
    AttestedEnclave enclave = policy.attest(s);
    return (key, clientId, plaintext) -> s.seal(enclave, chainId, key, clientId, plaintext);
  }

  /**
   * Base and quote amounts that cover every order a trader can place: at most {@code ceil(N/K)}
   * orders of {@link DexOrderStream#MAX_HUNDREDTHS} hundredths each, buys at up to {@code mid +
   * spread} plus fees; doubled for margin.
   */
  private String[] fundingAmounts() {
    long perTrader = (orders + traders - 1) / traders;
    long base = perTrader * DexOrderStream.MAX_HUNDREDTHS / 100 * 2 + 1;
    long quote = perTrader * DexOrderStream.MAX_HUNDREDTHS * (mid + spread + 1) / 100 * 2 + 100;
    return new String[] {Long.toString(base), Long.toString(quote)};
  }

  private void registerViewKey(
      TxnChainClient client,
      String chainId,
      byte[] measurement,
      UserKey user,
      SignedLoad.PayloadSealer sealer) {
    ObjectNode request =
        Output.MAPPER
            .createObjectNode()
            .put("op", "setViewKey")
            .put("key", java.util.HexFormat.of().formatHex(user.viewKey().publicKey()));
    process(client, chainId, measurement, user, request, sealer, "registering a view key");
  }

  private void deposit(
      TxnChainClient client,
      String chainId,
      byte[] measurement,
      UserKey user,
      String token,
      String amount,
      SignedLoad.PayloadSealer sealer) {
    ObjectNode request =
        Output.MAPPER
            .createObjectNode()
            .put("op", "deposit")
            .put("token", token)
            .put("amount", amount);
    process(client, chainId, measurement, user, request, sealer, "funding a trader with " + token);
  }

  private void process(
      TxnChainClient client,
      String chainId,
      byte[] measurement,
      UserKey user,
      ObjectNode request,
      SignedLoad.PayloadSealer sealer,
      String what) {
    try {
      RetryingSubmitter.withDefaults(client)
          .process(
              DexSession.workOrder(
                  chainId,
                  measurement,
                  user,
                  Transactions.randomClientId(ctx.random()),
                  request.toString().getBytes(StandardCharsets.UTF_8),
                  sealer));
    } catch (RpcErrorException e) {
      throw new CliFailure(ExitCodes.FAILED, "error: " + what + " failed: " + e.describe());
    }
  }

  private static Tally tally(
      String chainId,
      List<UserKey> keys,
      DexOrderStream stream,
      List<List<RpcOutcome>> answers,
      LoadResult result) {
    Tally t = new Tally();
    for (List<RpcOutcome> batchAnswers : answers) {
      if (batchAnswers == null) {
        continue;
      }
      for (RpcOutcome o : batchAnswers) {
        if (o.ok()) {
          t.accepted++;
          count(t, chainId, keys.get(stream.traderOf((int) o.id())), new TxResult(o.result()));
        } else if (APP_REJECTED.equals(o.error().name())) {
          t.rejected++;
          Matcher mm = REASON.matcher(o.error().getMessage());
          String reason = mm.find() ? mm.group(1) : "unparsed";
          t.rejectedByReason.merge(reason, 1L, Long::sum);
          t.rejectExamples.putIfAbsent(reason, o.error().getMessage());
        } else {
          t.otherErrors++;
          t.errorsByCode.merge(o.error().code() + " " + o.error().name(), 1L, Long::sum);
        }
      }
    }
    // Whole batches that failed (unreachable, refused as a whole) and missing answers.
    long answered = t.accepted + t.rejected + t.otherErrors;
    long total = result.accepted() + result.errors();
    if (total > answered) {
      result.errorsByCode().entrySet().stream()
          .filter(
              e -> !e.getKey().contains(APP_REJECTED) && !t.errorsByCode.containsKey(e.getKey()))
          .forEach(e -> t.errorsByCode.put(e.getKey(), e.getValue()));
      t.otherErrors += total - answered;
    }
    return t;
  }

  private static void count(Tally t, String chainId, UserKey trader, TxResult r) {
    JsonNode result;
    try {
      result = r.sealed() ? ResultView.parse(SealedResults.open(trader, chainId, r)) : r.result();
    } catch (RuntimeException e) {
      t.statuses.merge("unreadable", 1L, Long::sum);
      return;
    }
    t.statuses.merge(result.path("status").asText("unknown"), 1L, Long::sum);
    for (JsonNode fill : result.path("fills")) {
      if (!"maker".equals(fill.path("liquidity").asText())) {
        t.trades++;
      }
    }
  }

  private void validate() {
    require(orders >= 1, "--orders must be at least 1");
    require(traders >= 1, "--traders must be at least 1");
    require(concurrency >= 1, "--concurrency must be at least 1");
    require(batch >= 1, "--batch must be at least 1");
    require(mid > spread, "--mid must be above --spread");
    require(spread >= 0, "--spread must not be negative");
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw usage(message);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static double seconds(LoadResult r) {
    return r.elapsed().toNanos() / 1e9;
  }

  private static double ordersPerSecond(LoadResult r, Tally t) {
    double s = seconds(r);
    return s <= 0 ? 0 : (t.accepted + t.rejected) / s;
  }

  private ObjectNode report(
      TxnChainClient client,
      String chainId,
      DexOrderStream stream,
      double fundSeconds,
      String[] amounts,
      LoadResult r,
      Tally t) {
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("node", client.node().toString());
    n.put("chainId", chainId);
    n.put("market", market);
    n.put("orders", orders);
    n.put("traders", traders);
    n.put("concurrency", concurrency);
    n.put("batch", batch);
    n.put("sealed", sealing.seal());
    n.put("viewKeys", viewKeys);
    n.put("midPrice", mid);
    n.put("spread", spread);
    n.put("runPrefix", stream.runPrefix());
    ObjectNode funding = n.putObject("funding");
    funding.put("deposits", 2L * traders);
    funding.put("baseEach", amounts[0]);
    funding.put("quoteEach", amounts[1]);
    funding.put("seconds", round(fundSeconds));
    ObjectNode signing = n.putObject("signing");
    double buildSeconds = stream.buildTime().toNanos() / 1e9;
    signing.put("threads", stream.threads());
    signing.put("seconds", round(buildSeconds));
    signing.put("ordersPerSecond", round(orders / Math.max(buildSeconds, 1e-9)));
    n.put("accepted", t.accepted);
    n.put("rejected", t.rejected);
    ObjectNode reasons = n.putObject("rejectedByReason");
    t.rejectedByReason.forEach(reasons::put);
    ObjectNode examples = n.putObject("rejectExamples");
    t.rejectExamples.forEach(examples::put);
    n.put("errors", t.otherErrors);
    ObjectNode byCode = n.putObject("errorsByCode");
    t.errorsByCode.forEach(byCode::put);
    ObjectNode statuses = n.putObject("statuses");
    t.statuses.forEach(statuses::put);
    n.put("tradesExecuted", t.trades);
    n.put("seconds", round(seconds(r)));
    n.put("ordersPerSecond", round(ordersPerSecond(r, t)));
    n.put("acceptedPerSecond", round(r.txPerSecond()));
    LatencySummary l = r.latency();
    ObjectNode latency = n.putObject("latencyMillis");
    latency.put("p50", l.p50Millis());
    latency.put("p90", l.p90Millis());
    latency.put("p99", l.p99Millis());
    latency.put("max", l.maxMillis());
    return n;
  }

  private String text(DexOrderStream stream, LoadResult r, Tally t) {
    double buildSeconds = stream.buildTime().toNanos() / 1e9;
    LatencySummary l = r.latency();
    TextTable table =
        new TextTable()
            .row(
                "load",
                String.format(
                    "%d %s GTC limit orders, %d traders, batches of %d, %d in flight%s",
                    orders, market, traders, batch, concurrency, sealing.seal() ? ", sealed" : ""))
            .row(
                "signing",
                String.format(
                    "%,.0f orders/s (%d threads, %.2f s)",
                    orders / Math.max(buildSeconds, 1e-9), stream.threads(), buildSeconds))
            .row("accepted", t.accepted)
            .row("rejected", t.rejected)
            .row("errors", t.otherErrors)
            .row("trades", t.trades)
            .row(
                "throughput",
                String.format("%,.1f orders/s over %.2f s", ordersPerSecond(r, t), seconds(r)))
            .row(
                "latency ms",
                String.format(
                    "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
                    l.p50Millis(), l.p90Millis(), l.p99Millis(), l.maxMillis()));
    t.statuses.forEach((k, v) -> table.row("  status " + k, v));
    t.rejectedByReason.forEach(
        (k, v) -> table.row("  rejected " + k, v + "  (" + t.rejectExamples.get(k) + ")"));
    t.errorsByCode.forEach((k, v) -> table.row("  error " + k, v));
    return table.render();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
