package io.txnchain.dex.app;

import io.txnchain.tee.app.AppState;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.util.encoders.Hex;

/**
 * An app state in memory, ordered as unsigned bytes and with the ledger's limits (keys 1..1024
 * bytes, values up to 1 MiB, scans up to 10,000 entries), so that tests see what the ledger would
 * refuse.
 */
final class MemoryState implements AppState {
  static final int MAX_KEY = 1024;
  static final int MAX_VALUE = 1024 * 1024;
  static final int MAX_SCAN = 10_000;

  final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);
  int writes;

  MemoryState copy() {
    MemoryState c = new MemoryState();
    map.forEach((k, v) -> c.map.put(k.clone(), v.clone()));
    return c;
  }

  /** The whole content in hex, for comparing states. */
  TreeMap<String, String> snapshot() {
    TreeMap<String, String> s = new TreeMap<>();
    map.forEach((k, v) -> s.put(Hex.toHexString(k), Hex.toHexString(v)));
    return s;
  }

  private static void checkKey(byte[] key) {
    if (key.length == 0 || key.length > MAX_KEY) {
      throw new IllegalArgumentException("state keys are 1.." + MAX_KEY + " bytes");
    }
  }

  @Override
  public byte[] get(byte[] key) {
    checkKey(key);
    byte[] v = map.get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkKey(key);
    if (value.length > MAX_VALUE) {
      throw new IllegalArgumentException("state values are at most " + MAX_VALUE + " bytes");
    }
    writes++;
    map.put(key.clone(), value.clone());
  }

  @Override
  public void delete(byte[] key) {
    checkKey(key);
    writes++;
    map.remove(key);
  }

  @Override
  public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, int limit) {
    int max = Math.min(Math.max(limit, 0), MAX_SCAN);
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : map.tailMap(prefix, true).entrySet()) {
      byte[] k = e.getKey();
      if (out.size() == max
          || k.length < prefix.length
          || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
        break;
      }
      out.add(new AbstractMap.SimpleImmutableEntry<>(k.clone(), e.getValue().clone()));
    }
    return out;
  }
}
