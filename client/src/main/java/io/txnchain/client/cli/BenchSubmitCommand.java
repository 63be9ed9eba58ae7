package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.cli.bench.LatencySummary;
import io.txnchain.client.cli.bench.LoadGenerator;
import io.txnchain.client.cli.bench.LoadResult;
import io.txnchain.client.cli.bench.SignedLoad;
import io.txnchain.client.sdk.AttestedEnclave;
import io.txnchain.client.sdk.Sealer;
import io.txnchain.client.sdk.TxnChainClient;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code txnchain bench submit}: signs N data transactions up front, then sends them as JSON-RPC
 * batches with C requests in flight and reports sustained throughput, latency percentiles and
 * errors by code. Exit 0 when every transaction was accepted, 1 when some were not, 3 when none
 * reached the node.
 */
@Command(
    name = "submit",
    description = "Load the node with pre-signed txn_submit batches; report tx/s and latency.")
final class BenchSubmitCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private SealOptions sealing;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "20000",
      description = "transactions (default: ${DEFAULT-VALUE})")
  private int count;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "8",
      description = "requests in flight (default: ${DEFAULT-VALUE})")
  private int concurrency;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "200",
      description = "transactions per request (default: ${DEFAULT-VALUE})")
  private int batch;

  @Option(
      names = "--payload-bytes",
      paramLabel = "S",
      defaultValue = "100",
      description = "payload size (default: ${DEFAULT-VALUE})")
  private int payloadBytes;

  @Option(
      names = "--keys",
      paramLabel = "K",
      defaultValue = "16",
      description = "distinct signing keys (default: ${DEFAULT-VALUE})")
  private int keys;

  BenchSubmitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    validate();
    TxnChainClient client = node.connect();
    String chainId =
        Progress.during(ctx, "waiting for " + client.node(), () -> client.head().chainId());
    SignedLoad.PayloadSealer sealer =
        sealing.seal
            ? Progress.during(ctx, "attesting the enclave", () -> sealer(client, chainId))
            : null;
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger signed = new AtomicInteger();
    SignedLoad load =
        Progress.during(
            ctx,
            () -> "signing " + signed.get() + "/" + count,
            () ->
                SignedLoad.build(
                    chainId,
                    count,
                    batch,
                    payloadBytes,
                    keys,
                    sealer,
                    ctx.random(),
                    threads,
                    signed));
    LoadGenerator generator = new LoadGenerator(client, load, concurrency);
    LoadResult result =
        Progress.during(
            ctx,
            () ->
                "sent "
                    + generator.completed()
                    + "/"
                    + count
                    + " tx, "
                    + generator.failed()
                    + " errors",
            generator::run);
    ObjectNode json = report(client, chainId, load, result);
    output.output().print(json, () -> text(load, result));
    if (result.unreachable()) {
      ctx.warn("error: no batch reached the node at " + client.node());
      return ExitCodes.UNREACHABLE;
    }
    return result.errors() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private SignedLoad.PayloadSealer sealer(TxnChainClient client, String chainId) {
    Sealer s = Sealer.forNode(client, ctx.random());
    AttestedEnclave enclave = sealing.attest(s);
    return (key, clientId, plaintext) -> s.seal(enclave, chainId, key, clientId, plaintext);
  }

  private void validate() {
    require(count >= 1, "--count must be at least 1");
    require(concurrency >= 1, "--concurrency must be at least 1");
    require(batch >= 1, "--batch must be at least 1");
    require(keys >= 1, "--keys must be at least 1");
    require(payloadBytes >= 0, "--payload-bytes must not be negative");
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  private ObjectNode report(TxnChainClient client, String chainId, SignedLoad load, LoadResult r) {
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("node", client.node().toString());
    n.put("chainId", chainId);
    n.put("count", count);
    n.put("concurrency", concurrency);
    n.put("batch", batch);
    n.put("payloadBytes", payloadBytes);
    n.put("keys", keys);
    n.put("sealed", sealing.seal);
    n.put("runPrefix", load.runPrefix());
    ObjectNode signing = n.putObject("signing");
    double signingSeconds = load.signingTime().toNanos() / 1e9;
    signing.put("threads", load.threads());
    signing.put("seconds", round(signingSeconds));
    signing.put("txPerSecond", round(count / Math.max(signingSeconds, 1e-9)));
    n.put("accepted", r.accepted());
    n.put("errors", r.errors());
    ObjectNode byCode = n.putObject("errorsByCode");
    r.errorsByCode().forEach(byCode::put);
    ObjectNode examples = n.putObject("errorExamples");
    r.errorExamples().forEach(examples::put);
    n.put("seconds", round(r.elapsed().toNanos() / 1e9));
    n.put("txPerSecond", round(r.txPerSecond()));
    LatencySummary l = r.latency();
    ObjectNode latency = n.putObject("latencyMillis");
    latency.put("p50", l.p50Millis());
    latency.put("p90", l.p90Millis());
    latency.put("p99", l.p99Millis());
    latency.put("max", l.maxMillis());
    return n;
  }

  private String text(SignedLoad load, LoadResult r) {
    double signingSeconds = load.signingTime().toNanos() / 1e9;
    LatencySummary l = r.latency();
    TextTable t =
        new TextTable()
            .row(
                "load",
                String.format(
                    "%d tx of %d B, batches of %d, %d in flight, %d keys%s",
                    count, payloadBytes, batch, concurrency, keys, sealing.seal ? ", sealed" : ""))
            .row(
                "signing",
                String.format(
                    "%,.0f tx/s (%d threads, %.2f s)",
                    count / Math.max(signingSeconds, 1e-9), load.threads(), signingSeconds))
            .row("accepted", r.accepted())
            .row("errors", r.errors())
            .row(
                "throughput",
                String.format(
                    "%,.1f tx/s sustained over %.2f s",
                    r.txPerSecond(), r.elapsed().toNanos() / 1e9))
            .row(
                "latency ms",
                String.format(
                    "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
                    l.p50Millis(), l.p90Millis(), l.p99Millis(), l.maxMillis()));
    for (Map.Entry<String, Long> e : r.errorsByCode().entrySet()) {
      t.row("  " + e.getKey(), e.getValue() + "  (" + r.errorExamples().get(e.getKey()) + ")");
    }
    return t.render();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
