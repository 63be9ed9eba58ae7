package io.txnchain.store.projection;

import io.txnchain.dex.market.MarketSpec;
import io.txnchain.store.OrderBookStore;
import io.txnchain.store.model.BlockUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link OrderBookStore} equal to the ledger's DEX events: applies blocks in height order,
 * each exactly once. The store's applied height is the cursor, written atomically with each block,
 * (with each batch of blocks), so after a crash the projection resumes from the block after it; a
 * block it already has is ignored, and a block that arrives ahead of the cursor makes it refill the
 * missing heights from the ledger first.
 *
 * <p>Listeners see each update after the store committed it, under the same lock that {@link #read}
 * takes, so a reader that registers for updates and reads a snapshot inside {@link #read} misses
 * nothing and sees nothing twice.
 */
public final class Projection implements AutoCloseable {
  /** Most blocks written to the store in one call while catching up. */
  public static final int BATCH = 256;

  private static final Logger LOG = LoggerFactory.getLogger(Projection.class);

  /** Told about each applied block, after the store committed it. */
  public interface Listener {
    void applied(BlockUpdate update);
  }

  private final OrderBookStore store;
  private final LedgerSource source;
  private final Map<String, MarketSpec> markets = new TreeMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ProjectionCache cache;
  private final Object wake = new Object();
  private volatile boolean running;
  private volatile boolean rebuilding;
  private volatile String failure;
  private Thread follower;

  public Projection(OrderBookStore store, LedgerSource source, List<MarketSpec> markets) {
    this.store = store;
    this.source = source;
    this.cache = new ProjectionCache(store);
    for (MarketSpec m : markets) {
      this.markets.put(m.symbol(), m);
    }
  }

  public OrderBookStore store() {
    return store;
  }

  /** The markets the projection knows, by symbol. */
  public Map<String, MarketSpec> markets() {
    return markets;
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  public void removeListener(Listener l) {
    listeners.remove(l);
  }

  /** Runs {@code read} while no block is being applied. */
  public <T> T read(Supplier<T> read) {
    lock.readLock().lock();
    try {
      return read.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Applies every block from the store's cursor to the ledger's head, in batches of up to {@value
   * #BATCH} blocks per store write; returns how many it applied.
   */
  public long catchUp() {
    long applied = 0;
    long head = source.head();
    while (store.appliedHeight() < head) {
      long from = store.appliedHeight() + 1;
      long to = Math.min(head, from + BATCH - 1);
      List<LedgerBlock> batch = new ArrayList<>();
      for (long h = from; h <= to; h++) {
        batch.add(source.block(h));
      }
      applied += applyBatch(batch);
    }
    return applied;
  }

  /**
   * Applies a block pushed to the projection: ignored when the store already has it; when it is
   * ahead of the cursor, the missing blocks are read from the ledger first.
   */
  public void offer(LedgerBlock block) {
    long next = store.appliedHeight() + 1;
    if (block.height() < next) {
      return;
    }
    List<LedgerBlock> batch = new ArrayList<>();
    while (next < block.height()) {
      LOG.debug("projection gap: refilling height {} from the ledger", next);
      batch.add(source.block(next));
      next++;
    }
    batch.add(block);
    applyBatch(batch);
  }

  /**
   * Empties the store and replays the ledger from the first block; {@code progress} gets the height
   * reached after each batch.
   */
  public long rebuild(LongConsumer progress) {
    rebuilding = true;
    try {
      lock.writeLock().lock();
      try {
        store.clear();
        cache.clear();
      } finally {
        lock.writeLock().unlock();
      }
      long head = source.head();
      long n = 0;
      while (store.appliedHeight() < head) {
        long from = store.appliedHeight() + 1;
        long to = Math.min(head, from + BATCH - 1);
        List<LedgerBlock> batch = new ArrayList<>();
        for (long h = from; h <= to; h++) {
          batch.add(source.block(h));
        }
        n += applyBatch(batch);
        progress.accept(store.appliedHeight());
      }
      return n;
    } finally {
      rebuilding = false;
    }
  }

  /** Whether {@link #rebuild} is running: the store is then behind and partly empty. */
  public boolean rebuilding() {
    return rebuilding;
  }

  /** The ledger's head height. */
  public long ledgerHead() {
    return source.head();
  }

  /** Projects consecutive blocks and writes them with one store call; returns how many. */
  private int applyBatch(List<LedgerBlock> blocks) {
    lock.writeLock().lock();
    try {
      List<BlockUpdate> updates = new ArrayList<>();
      long expected = store.appliedHeight() + 1;
      try {
        for (LedgerBlock block : blocks) {
          if (block.height() != expected) {
            continue;
          }
          BlockUpdate update = new BlockProjector(cache, markets).project(block);
          cache.absorb(update);
          updates.add(update);
          expected++;
        }
        if (updates.isEmpty()) {
          return 0;
        }
        store.applyAll(updates);
      } catch (RuntimeException e) {
        // The cache may hold rows of updates that were not written.
        cache.clear();
        throw e;
      }
      for (BlockUpdate update : updates) {
        for (Listener l : listeners) {
          try {
            l.applied(update);
          } catch (RuntimeException e) {
            LOG.warn("projection listener failed: {}", e.toString());
          }
        }
      }
      return updates.size();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Follows the ledger on a background thread: catches up, then waits for {@link #wake()} or {@code
   * pollMillis}.
   */
  public synchronized void start(long pollMillis) {
    if (running) {
      return;
    }
    running = true;
    follower =
        new Thread(
            () -> {
              while (running) {
                try {
                  catchUp();
                  failure = null;
                } catch (RuntimeException e) {
                  if (!e.toString().equals(failure)) {
                    LOG.error(
                        "projection stopped at height {}: {}", store.appliedHeight(), e.toString());
                  }
                  failure = e.toString();
                }
                synchronized (wake) {
                  try {
                    wake.wait(pollMillis);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "store-projection");
    follower.setDaemon(true);
    follower.start();
  }

  /** Tells the follower thread that the ledger grew. */
  public void wake() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** The last error of the follower thread, or null when it is keeping up. */
  public String failure() {
    return failure;
  }

  @Override
  public synchronized void close() {
    running = false;
    if (follower != null) {
      follower.interrupt();
      try {
        follower.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      follower = null;
    }
  }
}
