package io.txnchain.dex.engine;

import io.txnchain.dex.book.BookVisitor;
import io.txnchain.dex.book.RestingOrder;
import io.txnchain.wire.dex.Side;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's invariants, recomputed from scratch: conservation (see {@link Ledger}); every
 * account's locked balance equals what its resting orders lock (a buy {@code buyLock(price,
 * remaining)} in quote, a sell {@code remaining} in base); every bound client order id names a
 * resting order of its account, and nothing else is bound.
 */
final class Invariants {
  private Invariants() {}

  /** Every violation found, one line each; empty when all hold. */
  static List<String> violations(MarketState[] markets, Ledger ledger, ClientOrderIds clientIds) {
    List<String> problems = ledger.conservationViolations();
    TreeMap<Long, long[]> expectedLocks = new TreeMap<>();
    for (MarketState m : markets) {
      m.book.visit(new LockCollector(m, expectedLocks, ledger.tokens.length));
    }
    int boundClientIds = 0;
    for (long id : ledger.sortedAccountIds()) {
      Account a = ledger.get(id);
      long[] expected = expectedLocks.remove(id);
      for (int t = 0; t < ledger.tokens.length; t++) {
        long want = expected == null ? 0 : expected[t];
        if (a.locked[t] != want) {
          problems.add(
              "account "
                  + id
                  + " locks "
                  + a.locked[t]
                  + " "
                  + ledger.tokens[t]
                  + ", its orders need "
                  + want);
        }
      }
      if (a.clientOrders != null) {
        for (Map.Entry<String, Long> e : a.clientOrders.entrySet()) {
          boundClientIds++;
          RestingOrder o =
              markets[(int) (e.getValue() & (Engine.MAX_MARKETS - 1))].book.find(e.getValue());
          if (o == null
              || o.account() != id
              || !e.getKey().equals(clientIds.clientIdOf(e.getValue()))) {
            problems.add("client id " + e.getKey() + " of account " + id + " is stale");
          }
        }
      }
    }
    if (!expectedLocks.isEmpty()) {
      problems.add("orders of unknown accounts " + expectedLocks.keySet());
    }
    if (boundClientIds != clientIds.size()) {
      problems.add("client id indexes disagree");
    }
    return problems;
  }

  /** Sums, per account and token, what resting orders lock. */
  private static final class LockCollector implements BookVisitor {
    private final MarketState market;
    private final TreeMap<Long, long[]> locks;
    private final int tokens;
    private Side side;
    private long price;

    LockCollector(MarketState market, TreeMap<Long, long[]> locks, int tokens) {
      this.market = market;
      this.locks = locks;
      this.tokens = tokens;
    }

    @Override
    public void level(Side s, long p, long totalQuantity, int orderCount) {
      side = s;
      price = p;
    }

    @Override
    public void order(long orderId, long account, long remaining, int flags) {
      long[] l = locks.get(account);
      if (l == null) {
        l = new long[tokens];
        locks.put(account, l);
      }
      if (side == Side.BUY) {
        l[market.quote] += market.pricing.buyLock(price, remaining);
      } else {
        l[market.base] += remaining;
      }
    }
  }
}
