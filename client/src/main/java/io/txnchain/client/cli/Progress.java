package io.txnchain.client.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A one-line progress indicator on stderr for waits on the network. It appears only after a second
 * and only when stderr is a terminal, so quick commands and scripts never see it.
 */
final class Progress {
  static final String CLEAR_LINE = "\r\033[K";
  private static final String SPINNER = "|/-\\";
  private static final long DELAY_MILLIS = 1000;
  private static final long PERIOD_MILLIS = 250;

  private final CliContext ctx;
  private final Supplier<String> status;
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();
  private int frame;
  private boolean shown;

  private Progress(CliContext ctx, Supplier<String> status, boolean enabled) {
    this.ctx = ctx;
    this.status = status;
    if (enabled) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "txnchain-progress");
                t.setDaemon(true);
                return t;
              });
      timer.scheduleAtFixedRate(this::draw, DELAY_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      timer = null;
    }
  }

  /** Work that may throw a checked exception of one type. */
  @FunctionalInterface
  interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs {@code work} with a fixed label shown while it lasts. */
  static <T, E extends Exception> T during(CliContext ctx, String label, Work<T, E> work) throws E {
    return during(ctx, () -> label, work);
  }

  /** Runs {@code work} with a status line that is re-read on every redraw. */
  static <T, E extends Exception> T during(CliContext ctx, Supplier<String> status, Work<T, E> work)
      throws E {
    Progress p = new Progress(ctx, status, ctx.stderrTerminal());
    try {
      return work.run();
    } finally {
      p.close();
    }
  }

  private void draw() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    String line =
        SPINNER.charAt(frame++ % SPINNER.length())
            + " "
            + status.get()
            + String.format(" (%.0f s)", seconds);
    synchronized (ctx.err()) {
      ctx.err().print(CLEAR_LINE + line);
      ctx.err().flush();
      shown = true;
    }
  }

  private void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (ctx.err()) {
      if (shown) {
        ctx.err().print(CLEAR_LINE);
        ctx.err().flush();
      }
    }
  }
}
