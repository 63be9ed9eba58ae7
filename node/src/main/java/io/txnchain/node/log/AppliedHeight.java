package io.txnchain.node.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The height this node has applied, and futures waiting for it to reach a height: a client that
 * wrote through this node then reads from it sees its write, even when another node led the commit
 * and this one applies it a moment later.
 */
public final class AppliedHeight {
  private final NavigableMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
  private long height;

  public AppliedHeight(long height) {
    this.height = height;
  }

  /** Completes once this node has applied {@code target}; at once if it has. */
  public synchronized CompletableFuture<Void> await(long target) {
    if (target <= height) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.computeIfAbsent(target, h -> new ArrayList<>()).add(f);
    return f;
  }

  /** Records that this node applied up to {@code applied}. */
  public void advance(long applied) {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    synchronized (this) {
      if (applied <= height) {
        return;
      }
      height = applied;
      NavigableMap<Long, List<CompletableFuture<Void>>> done = waiting.headMap(applied, true);
      for (Map.Entry<Long, List<CompletableFuture<Void>>> e : done.entrySet()) {
        ready.addAll(e.getValue());
      }
      done.clear();
    }
    // Completed outside the lock: callbacks may run here.
    ready.forEach(f -> f.complete(null));
  }
}
