package io.txnchain.ledger.state;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Pending writes to one state column, ordered by unsigned key so that everything derived from it
 * (state root, storage batch) is deterministic. A {@code null} value is a deletion.
 */
public final class WriteSet {
  private final NavigableMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);

  public void put(byte[] key, byte[] value) {
    writes.put(key.clone(), value.clone());
  }

  public void delete(byte[] key) {
    writes.put(key.clone(), null);
  }

  /** True if the key is written or deleted here; {@link #get} then answers for it. */
  public boolean touches(byte[] key) {
    return writes.containsKey(key);
  }

  public byte[] get(byte[] key) {
    return writes.get(key);
  }

  /** The writes in key order; values are {@code null} for deletions. */
  public NavigableMap<byte[], byte[]> entries() {
    return writes;
  }

  public void putAll(WriteSet other) {
    for (Map.Entry<byte[], byte[]> e : other.writes.entrySet()) {
      writes.put(e.getKey(), e.getValue());
    }
  }

  public boolean isEmpty() {
    return writes.isEmpty();
  }

  public void clear() {
    writes.clear();
  }
}
