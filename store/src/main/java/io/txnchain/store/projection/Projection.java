package io.txnchain.store.projection;

import io.txnchain.dex.market.MarketSpec;
import io.txnchain.store.OrderBookStore;
import io.txnchain.store.model.BlockUpdate;
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
 * so after a crash the projection resumes from the block after it; a block it already has is
 * ignored, and a block that arrives ahead of the cursor makes it refill the missing heights from
 * the ledger first.
 *
 * <p>Listeners see each update after the store committed it, under the same lock that {@link #read}
 * takes, so a reader that registers for updates and reads a snapshot inside {@link #read} misses
 * nothing and sees nothing twice.
 */
public final class Projection implements AutoCloseable {
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
  private final Object wake = new Object();
  private volatile boolean running;
  private volatile boolean rebuilding;
  private volatile String failure;
  private Thread follower;

  public Projection(OrderBookStore store, LedgerSource source, List<MarketSpec> markets) {
    this.store = store;
    this.source = source;
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
   * Applies every block from the store's cursor to the ledger's head; returns how many it applied.
   */
  public long catchUp() {
    long applied = 0;
    long head = source.head();
    while (store.appliedHeight() < head) {
      applyOne(source.block(store.appliedHeight() + 1));
      applied++;
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
    while (next < block.height()) {
      LOG.debug("projection gap: refilling height {} from the ledger", next);
      applyOne(source.block(next));
      next++;
    }
    applyOne(block);
  }

  /**
   * Empties the store and replays the ledger from the first block; {@code progress} gets each
   * height applied (and the head is {@link LedgerSource#head()} when it starts).
   */
  public long rebuild(LongConsumer progress) {
    rebuilding = true;
    try {
      lock.writeLock().lock();
      try {
        store.clear();
      } finally {
        lock.writeLock().unlock();
      }
      long head = source.head();
      long n = 0;
      while (store.appliedHeight() < head) {
        long h = store.appliedHeight() + 1;
        applyOne(source.block(h));
        progress.accept(h);
        n++;
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

  private void applyOne(LedgerBlock block) {
    lock.writeLock().lock();
    try {
      if (block.height() != store.appliedHeight() + 1) {
        return;
      }
      BlockUpdate update = new BlockProjector(store, markets).project(block);
      store.apply(update);
      for (Listener l : listeners) {
        try {
          l.applied(update);
        } catch (RuntimeException e) {
          LOG.warn("projection listener failed: {}", e.toString());
        }
      }
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
