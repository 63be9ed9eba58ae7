package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.MarketData;
import io.txnchain.client.sdk.TradingClient;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code txnchain store rebuild}: has the node empty its order-book store and replay the ledger
 * into it, showing progress until the store has caught up. The node accepts this only from its own
 * machine.
 */
@Command(
    name = "rebuild",
    description =
        "Rebuild the node's order-book store from its ledger (run on the node's machine).")
final class StoreRebuildCommand implements Callable<Integer> {
  private static final long POLL_MILLIS = 200;
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  StoreRebuildCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    TradingClient client = TradingClient.connect(node.uri());
    long target = client.rebuildStore();
    AtomicReference<MarketData.StoreStatus> last = new AtomicReference<>(client.storeStatus());
    long start = System.nanoTime();
    MarketData.StoreStatus done =
        Progress.during(
            ctx,
            () -> bar(last.get().appliedHeight(), target),
            () -> {
              while (true) {
                MarketData.StoreStatus s = client.storeStatus();
                last.set(s);
                if (!s.rebuilding() && s.appliedHeight() >= target) {
                  return s;
                }
                if (!s.rebuilding() && s.failure() != null) {
                  throw new CliFailure(ExitCodes.FAILED, "rebuild stopped: " + s.failure());
                }
                Thread.sleep(POLL_MILLIS);
              }
            });
    long millis = (System.nanoTime() - start) / 1_000_000;
    ObjectNode json = json(done);
    json.put("rebuiltTo", target);
    json.put("millis", millis);
    output
        .output()
        .print(
            json,
            () ->
                "rebuilt the "
                    + done.kind()
                    + " store to height "
                    + target
                    + " in "
                    + millis
                    + " ms (now at "
                    + done.appliedHeight()
                    + ")");
    return ExitCodes.OK;
  }

  /** {@code [#####.....] 50% 1234/2468}. */
  static String bar(long at, long target) {
    int width = 30;
    long pct = target == 0 ? 100 : Math.min(100, at * 100 / target);
    int filled = (int) (pct * width / 100);
    return "rebuilding ["
        + "#".repeat(filled)
        + ".".repeat(width - filled)
        + "] "
        + pct
        + "% "
        + at
        + "/"
        + target;
  }

  static ObjectNode json(MarketData.StoreStatus s) {
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("kind", s.kind());
    n.put("appliedHeight", s.appliedHeight());
    n.put("ledgerHeight", s.ledgerHeight());
    n.put("rebuilding", s.rebuilding());
    if (s.failure() == null) {
      n.putNull("failure");
    } else {
      n.put("failure", s.failure());
    }
    return n;
  }
}
