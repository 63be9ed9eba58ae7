package io.txnchain.dex.engine;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.StateDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.util.encoders.Hex;

/** Maps trader addresses to account ids 1, 2, 3, ... in registration order. */
final class AccountDirectory {
  private final TreeMap<String, Long> ids = new TreeMap<>();
  // Derived from ids (id - 1 is the index), so it takes no part in the state hash.
  private final List<EthAddress> addresses = new ArrayList<>();

  /** The id of {@code address}, or -1. */
  long find(EthAddress address) {
    Long id = ids.get(Hex.toHexString(address.bytes20()));
    return id == null ? -1 : id;
  }

  /** The id of {@code address}, assigning the next one if it has none. */
  long register(EthAddress address) {
    String key = Hex.toHexString(address.bytes20());
    Long id = ids.get(key);
    if (id == null) {
      id = (long) ids.size() + 1;
      ids.put(key, id);
      addresses.add(address);
    }
    return id;
  }

  /** The address of account {@code id}, or {@code null}. */
  EthAddress address(long id) {
    return id >= 1 && id <= addresses.size() ? addresses.get((int) (id - 1)) : null;
  }

  void hashInto(StateDigest d) {
    d.putLong(ids.size());
    for (Map.Entry<String, Long> e : ids.entrySet()) {
      d.putString(e.getKey()).putLong(e.getValue());
    }
  }
}
