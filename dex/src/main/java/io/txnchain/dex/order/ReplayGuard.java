package io.txnchain.dex.order;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.StateDigest;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.util.encoders.Hex;

/**
 * Replay protection: the nonces each trader has used and the digests of accepted orders, in sorted
 * collections so that the state and its hash are the same on every replica. An order is recorded
 * only once the engine accepts it; a rejected order leaves no trace and may be submitted again.
 */
public final class ReplayGuard {
  private final TreeMap<String, TreeSet<Long>> noncesByTrader = new TreeMap<>();
  private final TreeSet<String> digests = new TreeSet<>();
  // A hash chain over the records in the order they were made, which is ledger order on every
  // replica: the state hash covers every record in O(1) per command instead of rehashing them all.
  private byte[] chain = new byte[32];

  /** {@code DUPLICATE_ORDER}, {@code NONCE_REUSED}, or {@code null} if the order is fresh. */
  public VerifyFailure check(EthAddress trader, long nonce, byte[] digest) {
    if (digests.contains(Hex.toHexString(digest))) {
      return VerifyFailure.DUPLICATE_ORDER;
    }
    TreeSet<Long> used = noncesByTrader.get(Hex.toHexString(trader.bytes20()));
    if (used != null && used.contains(nonce)) {
      return VerifyFailure.NONCE_REUSED;
    }
    return null;
  }

  /** Marks the nonce and digest as used. */
  public void record(EthAddress trader, long nonce, byte[] digest) {
    digests.add(Hex.toHexString(digest));
    String key = Hex.toHexString(trader.bytes20());
    TreeSet<Long> used = noncesByTrader.get(key);
    if (used == null) {
      used = new TreeSet<>();
      noncesByTrader.put(key, used);
    }
    used.add(nonce);
    chain =
        io.txnchain.crypto.Hashes.sha256(
            chain,
            trader.bytes20(),
            new byte[] {
              (byte) (nonce >>> 56), (byte) (nonce >>> 48), (byte) (nonce >>> 40),
              (byte) (nonce >>> 32), (byte) (nonce >>> 24), (byte) (nonce >>> 16),
              (byte) (nonce >>> 8), (byte) nonce
            },
            digest);
  }

  /** Number of recorded orders. */
  public int size() {
    return digests.size();
  }

  /**
   * Appends the number of records and the hash chain over them. Two guards that recorded the same
   * orders in the same order hash alike.
   */
  public void hashInto(StateDigest d) {
    d.putLong(digests.size());
    d.putString(Hex.toHexString(chain));
  }
}
