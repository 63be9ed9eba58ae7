package io.txnchain.dex.engine;

import io.txnchain.dex.book.StateDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account's balances, indexed by the ledger's token index. Invariant (checked by {@link
 * Engine#checkInvariants}): {@code locked[t]} equals what the account's resting orders lock in
 * token {@code t}; nothing is ever negative.
 */
final class Account {
  final long id;
  final long[] available;
  final long[] locked;

  /** Open orders by client order id; created on first use. */
  TreeMap<String, Long> clientOrders;

  Account(long id, int tokens) {
    this.id = id;
    this.available = new long[tokens];
    this.locked = new long[tokens];
  }

  /** Moves {@code amount} from available to locked. */
  void lock(int token, long amount) {
    available[token] -= amount;
    locked[token] += amount;
  }

  /** Moves {@code amount} from locked back to available. */
  void unlock(int token, long amount) {
    locked[token] -= amount;
    available[token] += amount;
  }

  void hashClientOrders(StateDigest d) {
    d.putLong(clientOrders == null ? 0 : clientOrders.size());
    if (clientOrders != null) {
      for (Map.Entry<String, Long> e : clientOrders.entrySet()) {
        d.putString(e.getKey()).putLong(e.getValue());
      }
    }
  }
}
