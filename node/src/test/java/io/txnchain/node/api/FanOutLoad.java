package io.txnchain.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket fan-out load generator (results in BENCHMARKS.md): connects N subscribers to a running
 * node's {@code /ws}, each on {@code depth@MARKET} and {@code trades@MARKET}, while something else
 * (e.g. {@code txnchain bench dex}) trades; reports the diffs and trades delivered per second over
 * all subscribers, the delay from block time to delivery, and how many were disconnected.
 *
 * <p>Arguments: {@code NODE_URL [SUBSCRIBERS=500] [SECONDS=30] [MARKET=ETH-USDC]}. Stops by itself.
 */
public final class FanOutLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FanOutLoad() {}

  public static void main(String[] args) throws Exception {
    String node = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String market = args.length > 3 ? args[3] : "ETH-USDC";
    AtomicLong diffs = new AtomicLong();
    AtomicLong trades = new AtomicLong();
    AtomicLong closed = new AtomicLong();
    ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
    HttpClient http = HttpClient.newHttpClient();
    List<WebSocket> sockets = new ArrayList<>();
    URI ws = URI.create(node.replace("http://", "ws://") + "/ws");
    for (int i = 0; i < n; i++) {
      boolean sample = i % 10 == 0;
      WebSocket s =
          http.newWebSocketBuilder()
              .buildAsync(
                  ws,
                  new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(
                        WebSocket webSocket, CharSequence data, boolean last) {
                      partial.append(data);
                      if (last) {
                        String m = partial.toString();
                        partial.setLength(0);
                        if (m.contains("\"depthUpdate\"")) {
                          diffs.incrementAndGet();
                          if (sample) {
                            delays.add(System.currentTimeMillis() - blockTime(m));
                          }
                        } else if (m.contains("\"e\":\"trade\"")) {
                          trades.incrementAndGet();
                        }
                      }
                      webSocket.request(1);
                      return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                      closed.incrementAndGet();
                      return null;
                    }
                  })
              .get(30, TimeUnit.SECONDS);
      s.sendText(
              "{\"method\":\"SUBSCRIBE\",\"params\":[\"depth@"
                  + market
                  + "\",\"trades@"
                  + market
                  + "\"],\"id\":1}",
              true)
          .join();
      sockets.add(s);
    }
    System.out.printf(Locale.ROOT, "%d subscribers connected; measuring %d s%n", n, seconds);
    long d0 = diffs.get();
    long t0 = trades.get();
    delays.clear();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double sec = (System.nanoTime() - start) / 1e9;
    long d = diffs.get() - d0;
    long t = trades.get() - t0;
    List<Long> lat = new ArrayList<>(delays);
    lat.sort(Long::compare);
    System.out.printf(
        Locale.ROOT,
        "diffs delivered %d (%.0f/s over all subscribers, %.1f/s each); trades delivered %d"
            + " (%.0f/s); disconnected %d%n",
        d,
        d / sec,
        d / sec / n,
        t,
        t / sec,
        closed.get());
    if (!lat.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "block time to delivery (every 10th subscriber, %d samples): p50 %d ms, p99 %d ms, max %d"
              + " ms%n",
          lat.size(),
          lat.get(lat.size() / 2),
          lat.get(lat.size() * 99 / 100),
          lat.get(lat.size() - 1));
    }
    for (WebSocket s : sockets) {
      s.abort();
    }
  }

  private static long blockTime(String message) {
    try {
      JsonNode n = JSON.readTree(message);
      return n.path("data").path("E").asLong();
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
