package io.txnchain.client.cli.bench;

import io.txnchain.client.sdk.RpcBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the JSON-RPC batch bodies of a load run on several threads before the clock starts:
 * signing dominates, and each batch is independent, so threads take batches one at a time.
 */
public final class BatchBuilder {

  /** Adds the call for item {@code index} to {@code body}. */
  @FunctionalInterface
  public interface Item {
    void add(int index, RpcBatch body);
  }

  /** The encoded bodies and the number of items in each. */
  public record Built(List<byte[]> bodies, int[] sizes) {}

  private BatchBuilder() {}

  /**
   * Builds {@code count} items in batches of {@code batch}.
   *
   * @param what names the work in the exception when an item fails
   */
  public static Built build(int count, int batch, int threads, String what, Item item)
      throws InterruptedException {
    int batches = (count + batch - 1) / batch;
    byte[][] bodies = new byte[batches][];
    int[] sizes = new int[batches];
    AtomicInteger nextBatch = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  int b;
                  while ((b = nextBatch.getAndIncrement()) < batches) {
                    int from = b * batch;
                    int to = Math.min(count, from + batch);
                    RpcBatch body = new RpcBatch();
                    for (int i = from; i < to; i++) {
                      item.add(i, body);
                    }
                    bodies[b] = body.encode();
                    sizes[b] = to - from;
                  }
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(what + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Built(List.of(bodies), sizes);
  }
}
