package io.txnchain.tee.app;

import java.util.List;
import java.util.Map;

/**
 * One app's key-value state. Keys are ordered as unsigned byte strings, so scans are deterministic.
 * Keys and values are each limited in size by the host's configuration.
 */
public interface AppState {

  /** The value under {@code key}, or {@code null}. */
  byte[] get(byte[] key);

  /** Sets {@code key} to {@code value}. */
  void put(byte[] key, byte[] value);

  /** Removes {@code key}; removing an absent key is not an error. */
  void delete(byte[] key);

  /**
   * Up to {@code limit} entries whose keys start with {@code prefix}, in ascending key order.
   * Reflects this execution's own writes.
   */
  List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, int limit);
}
