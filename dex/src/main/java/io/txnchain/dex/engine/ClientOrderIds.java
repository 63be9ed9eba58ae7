package io.txnchain.dex.engine;

import io.txnchain.dex.book.LongMap;

/**
 * Client order ids of open orders: per account (client id to order id, in {@link
 * Account#clientOrders}) and per order (to free the id when the order leaves the book). Invariant:
 * an id is bound exactly while its order rests, so it can be reused afterwards.
 */
final class ClientOrderIds {
  private record Binding(Account account, String clientId) {}

  private final LongMap<Binding> byOrder = new LongMap<>();

  /** Whether {@code account} has an open order with {@code clientId}. */
  boolean inUse(Account account, String clientId) {
    return account != null
        && account.clientOrders != null
        && account.clientOrders.containsKey(clientId);
  }

  /** The open order of {@code account} with {@code clientId}, or {@code null}. */
  Long find(Account account, String clientId) {
    return account == null || account.clientOrders == null || clientId == null
        ? null
        : account.clientOrders.get(clientId);
  }

  void bind(Account account, String clientId, long orderId) {
    if (account.clientOrders == null) {
      account.clientOrders = new java.util.TreeMap<>();
    }
    account.clientOrders.put(clientId, orderId);
    byOrder.put(orderId, new Binding(account, clientId));
  }

  /** Frees the client id of an order that left the book (or never rested); no-op without one. */
  void unbind(long orderId) {
    if (byOrder.size() == 0) {
      return;
    }
    Binding b = byOrder.remove(orderId);
    if (b != null) {
      b.account().clientOrders.remove(b.clientId());
    }
  }

  /** The client id bound to {@code orderId}, or {@code null}. */
  String clientIdOf(long orderId) {
    Binding b = byOrder.get(orderId);
    return b == null ? null : b.clientId();
  }

  int size() {
    return byOrder.size();
  }
}
