package io.txnchain.dex.order;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.StateDigest;
import java.util.Map;
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
  }

  /** Number of recorded orders. */
  public int size() {
    return digests.size();
  }

  /** Appends the canonical serialization: traders and their nonces ascending, then digests. */
  public void hashInto(StateDigest d) {
    d.putLong(noncesByTrader.size());
    for (Map.Entry<String, TreeSet<Long>> e : noncesByTrader.entrySet()) {
      d.putString(e.getKey()).putLong(e.getValue().size());
      for (long nonce : e.getValue()) {
        d.putLong(nonce);
      }
    }
    d.putLong(digests.size());
    for (String digest : digests) {
      d.putString(digest);
    }
  }
}
