package io.txnchain.node.recovery;

import io.txnchain.governance.RecoveryStatus;
import io.txnchain.node.rpc.RpcException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reissues the members' recovery shares whenever the recorded ones are stale (a member left or
 * joined with a recovery key, or a key changed), so that a removed member's share stops counting
 * without anyone remembering to run {@code gov issue-shares}.
 *
 * <p>Only the node that may act (the replication leader, or the node of a network of one) reissues,
 * on a timer of its own: splitting the keys is enclave work that must not run on the thread that
 * applies the ledger. One issue is in flight at a time, on this node, whether the timer or {@code
 * gov_issueRecoveryShares} started it; after a refusal or failure the timer backs off. Should two
 * nodes still issue shares for the same state (a leader change in between), governance refuses the
 * second ({@code shares_superseded}), since each names the share set it replaces.
 */
public final class RecoveryReissuer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryReissuer.class);

  /** Longest wait between attempts after repeated refusals. */
  static final long MAX_BACKOFF_MILLIS = 60_000;

  /** Builds a share set from the committed state and submits it; answers once applied here. */
  @FunctionalInterface
  public interface Issue {
    CompletableFuture<Object> issue() throws RpcException;
  }

  private final Supplier<RecoveryStatus> status;
  private final BooleanSupplier mayAct;
  private final Issue issue;
  private final long intervalMillis;
  private final ScheduledExecutorService timer;
  private CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
  private long backoffMillis;
  private long notBeforeNanos;
  private long reissued;

  /**
   * @param status the committed recovery share status (governance)
   * @param mayAct whether this node is the one to reissue: the leader, and serving
   * @param issue the {@code gov_issueRecoveryShares} path: split, sign, submit, await
   */
  public RecoveryReissuer(
      Supplier<RecoveryStatus> status, BooleanSupplier mayAct, Issue issue, long intervalMillis) {
    this.status = status;
    this.mayAct = mayAct;
    this.issue = issue;
    this.intervalMillis = intervalMillis;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "recovery-shares");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts checking, once the node serves. */
  public void start() {
    timer.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Issues a new share set now, after any issue in flight has been applied, whether or not the
   * recorded one is stale (a manual "reissue now": fresh shares, for example after a member's key
   * file may have leaked).
   */
  public synchronized CompletableFuture<Object> issueNow() {
    CompletableFuture<Object> next =
        inFlight.handle((v, e) -> null).thenComposeAsync(v -> call(), timer);
    inFlight = next;
    return next;
  }

  /** How many share sets the timer (not {@link #issueNow}) has had recorded; for tests. */
  public synchronized long reissued() {
    return reissued;
  }

  private CompletableFuture<Object> call() {
    try {
      return issue.issue();
    } catch (RpcException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Whether no issue is in flight (its bookkeeping included); for tests. */
  synchronized boolean idle() {
    return inFlight.isDone();
  }

  /** One check: runs on the timer; tests call it directly. */
  synchronized void tick() {
    try {
      boolean backingOff = backoffMillis > 0 && System.nanoTime() - notBeforeNanos < 0;
      if (!inFlight.isDone() || backingOff || !mayAct.getAsBoolean()) {
        return;
      }
      RecoveryStatus s = status.get();
      if (!s.reissuable()) {
        return;
      }
      LOG.info(
          "recovery shares issued at height {} are stale ({}); issuing {}-of-{} shares",
          s.height(),
          s.reason(),
          s.expectedThreshold(),
          s.holders().size());
      // The bookkeeping runs here too, not on whichever thread applied the block.
      inFlight = call().whenCompleteAsync((v, failure) -> done(s, failure), timer);
    } catch (RuntimeException e) {
      LOG.warn("recovery share check failed; retrying", e);
    }
  }

  private synchronized void done(RecoveryStatus was, Throwable failure) {
    if (failure == null) {
      reissued++;
      backoffMillis = 0;
      LOG.info(
          "recovery shares reissued for {} holders (replacing the set of height {})",
          was.holders().size(),
          was.height());
      return;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    backoffMillis =
        backoffMillis == 0 ? intervalMillis : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    notBeforeNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
    // A refusal because another node's shares landed first is the race working as designed.
    LOG.warn(
        "reissuing recovery shares was refused or failed ({}); next try in {} ms at the earliest",
        cause.getMessage(),
        backoffMillis);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
