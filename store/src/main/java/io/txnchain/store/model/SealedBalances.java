package io.txnchain.store.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The latest balances snapshot the DEX published for an owner, sealed to the view key the owner
 * registered. The store keeps it as opaque bytes: only the owner can open it, so the store never
 * sees a balance (ADR 0014).
 *
 * @param owner the account, lower-case {@code 0x} hex
 * @param height the ledger height of the block that carried it
 * @param timeMillis that block's time
 * @param txId the transaction that emitted it
 * @param box the sealed box, as the event carried it
 */
public record SealedBalances(String owner, long height, long timeMillis, String txId, byte[] box) {

  public SealedBalances {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(txId, "txId");
    box = box.clone();
  }

  @Override
  public byte[] box() {
    return box.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedBalances s
        && owner.equals(s.owner)
        && height == s.height
        && timeMillis == s.timeMillis
        && txId.equals(s.txId)
        && Arrays.equals(box, s.box);
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, height, timeMillis, txId, Arrays.hashCode(box));
  }

  @Override
  public String toString() {
    // The length only: snapshots end up in logs and assertion messages.
    return "SealedBalances[owner="
        + owner
        + ", height="
        + height
        + ", timeMillis="
        + timeMillis
        + ", txId="
        + txId
        + ", box="
        + box.length
        + " bytes]";
  }
}
