package io.txnchain.ledger.machine;

import java.util.List;

/**
 * What the ordering layer agrees on: encoded transactions in their final order, and the time the
 * proposer read from its clock. Replicas never read their own clocks.
 */
public record Batch(long proposedTimeMillis, List<byte[]> transactions) {
  public Batch {
    transactions = List.copyOf(transactions);
  }
}
