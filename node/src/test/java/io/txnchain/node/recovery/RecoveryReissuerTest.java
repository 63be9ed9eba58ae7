package io.txnchain.node.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.governance.RecoveryStatus;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.node.rpc.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * When the node reissues: only when it may act and the shares are stale, one issue at a time, not
 * again right after a refusal; and a manual issue waits for the one in flight. The checks are
 * driven by calling {@code tick} directly, so no timing is involved.
 */
class RecoveryReissuerTest {
  private static final RecoveryStatus STALE =
      new RecoveryStatus(
          true,
          4,
          2,
          3,
          new TreeMap<>(java.util.Map.of("0xA", "aa", "0xB", "bb")),
          List.of("0xC is no longer a member but holds a share"));
  private static final RecoveryStatus CURRENT =
      new RecoveryStatus(
          true, 9, 2, 2, new TreeMap<>(java.util.Map.of("0xA", "aa", "0xB", "bb")), List.of());
  private static final RecoveryStatus NO_HOLDERS =
      new RecoveryStatus(
          true, 4, 1, 1, new TreeMap<>(), List.of("no current member has a recovery key"));

  private final AtomicReference<RecoveryStatus> status = new AtomicReference<>(STALE);
  private final AtomicBoolean leader = new AtomicBoolean(true);
  private final List<CompletableFuture<Object>> issued = new ArrayList<>();
  private final AtomicReference<RpcException> refuseWith = new AtomicReference<>();

  /** A long interval, so that a back-off after one refusal outlasts the test. */
  private RecoveryReissuer reissuer() {
    return new RecoveryReissuer(
        status::get,
        leader::get,
        () -> {
          synchronized (issued) {
            if (refuseWith.get() != null) {
              issued.add(CompletableFuture.failedFuture(refuseWith.get()));
              throw refuseWith.get();
            }
            CompletableFuture<Object> f = new CompletableFuture<>();
            issued.add(f);
            return f;
          }
        },
        60_000);
  }

  private int calls() {
    synchronized (issued) {
      return issued.size();
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in time");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void issuesOnlyWhenLeaderAndStaleAndOneAtATime() throws Exception {
    try (RecoveryReissuer r = reissuer()) {
      leader.set(false);
      r.tick();
      assertThat(calls()).isZero();

      leader.set(true);
      status.set(CURRENT);
      r.tick();
      assertThat(calls()).isZero();

      status.set(NO_HOLDERS);
      r.tick();
      assertThat(calls()).as("stale but nobody to issue to").isZero();

      status.set(STALE);
      r.tick();
      assertThat(calls()).isEqualTo(1);
      r.tick();
      r.tick();
      assertThat(calls()).as("one issue in flight at a time").isEqualTo(1);

      status.set(CURRENT);
      issued.get(0).complete("recorded");
      await(r::idle);
      assertThat(r.reissued()).isEqualTo(1);
      r.tick();
      assertThat(calls()).isEqualTo(1);
    }
  }

  @Test
  void aRefusalIsNotRetriedAtOnce() throws Exception {
    try (RecoveryReissuer r = reissuer()) {
      refuseWith.set(
          new RpcException(
              RpcError.APP_REJECTED, "shares_superseded: another node issued shares meanwhile"));
      r.tick();
      assertThat(calls()).isEqualTo(1);
      await(r::idle);
      r.tick();
      r.tick();
      assertThat(calls()).as("backing off").isEqualTo(1);
      assertThat(r.reissued()).isZero();
    }
  }

  @Test
  void aManualIssueWaitsForTheOneInFlight() throws Exception {
    try (RecoveryReissuer r = reissuer()) {
      r.tick();
      assertThat(calls()).isEqualTo(1);
      CompletableFuture<Object> manual = r.issueNow();
      assertThat(calls()).isEqualTo(1);
      assertThat(r.idle()).isFalse();

      issued.get(0).complete("first");
      await(() -> calls() == 2);
      assertThat(manual).isNotDone();
      synchronized (issued) {
        issued.get(1).complete("second");
      }
      assertThat(manual.get()).isEqualTo("second");
      // Manual issues happen even when nothing is stale: "reissue now".
      status.set(CURRENT);
      CompletableFuture<Object> again = r.issueNow();
      await(() -> calls() == 3);
      synchronized (issued) {
        issued.get(2).complete("third");
      }
      assertThat(again.get()).isEqualTo("third");
    }
  }
}
