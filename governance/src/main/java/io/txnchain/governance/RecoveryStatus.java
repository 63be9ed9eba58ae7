package io.txnchain.governance;

import java.util.List;
import java.util.SortedMap;

/**
 * Whether the recovery shares recorded on the ledger still fit governance: they must be one share
 * for each current member with a recovery key (for that key), with a majority of them as threshold.
 * Derived from committed state only, so every node reports the same.
 *
 * @param issued whether any share set is recorded
 * @param height the block height the recorded set was issued at (0 when none): what a new set names
 *     as the one it {@code replaces}
 * @param threshold the recorded set's threshold (0 when none)
 * @param shares the recorded set's number of shares (0 when none)
 * @param holders the current members with a recovery key: address to X25519 key (hex), in address
 *     order, who a new set would be issued to
 * @param reasons why the recorded set is stale, in a fixed order; empty when it is current
 */
public record RecoveryStatus(
    boolean issued,
    long height,
    int threshold,
    int shares,
    SortedMap<String, String> holders,
    List<String> reasons) {

  public RecoveryStatus {
    holders = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(holders));
    reasons = List.copyOf(reasons);
  }

  /** Whether the recorded shares differ from what the current members and keys call for. */
  public boolean stale() {
    return !reasons.isEmpty();
  }

  /** Whether a new share set can be issued now: stale, and someone to issue it to. */
  public boolean reissuable() {
    return stale() && !holders.isEmpty();
  }

  /** The threshold a set issued now must have: a majority of the holders. */
  public int expectedThreshold() {
    return holders.size() / 2 + 1;
  }

  /** The reasons joined for a log line or {@code gov_list}, or null when not stale. */
  public String reason() {
    return reasons.isEmpty() ? null : String.join("; ", reasons);
  }
}
