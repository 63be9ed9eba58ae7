package io.txnchain.dex.settlement;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the enclave signs for the settlement contract: batch {@code batchId} (1, 2, 3, ... with no
 * gaps), the hash of the trades it settles, the net balance changes sorted by (token, account) and
 * summing to zero per token, and the withdrawals to pay out.
 */
public record Batch(
    long batchId, byte[] tradesHash, List<Delta> deltas, List<Withdrawal> withdrawals) {
  /** Checks the fields and copies the lists. */
  public Batch {
    if (batchId <= 0) {
      throw new IllegalArgumentException("batchId must be positive");
    }
    Objects.requireNonNull(tradesHash, "tradesHash");
    if (tradesHash.length != 32) {
      throw new IllegalArgumentException("tradesHash must be 32 bytes");
    }
    tradesHash = tradesHash.clone();
    deltas = List.copyOf(deltas);
    withdrawals = List.copyOf(withdrawals);
  }

  @Override
  public byte[] tradesHash() {
    return tradesHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Batch b
        && batchId == b.batchId
        && Arrays.equals(tradesHash, b.tradesHash)
        && deltas.equals(b.deltas)
        && withdrawals.equals(b.withdrawals);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(batchId);
    h = 31 * h + Arrays.hashCode(tradesHash);
    h = 31 * h + deltas.hashCode();
    return 31 * h + withdrawals.hashCode();
  }
}
