package io.txnchain.ledger.state;

import io.txnchain.tee.app.AppState;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * One app's view of one state column during the execution of one transaction: its own writes, over
 * the writes of earlier transactions in the same block, over committed state. Keys are namespaced
 * by app so that apps cannot read each other's state.
 */
public final class AppStateView implements AppState {
  /** Limits that keep a single execution from exhausting the node. */
  public static final int MAX_KEY = 1024;

  public static final int MAX_VALUE = 1024 * 1024;
  public static final int MAX_SCAN = 10_000;

  private final StateReader committed;
  private final StateColumn column;
  private final byte[] namespace;
  private final WriteSet blockWrites;
  private final WriteSet txWrites = new WriteSet();
  private final BinaryOperator<byte[]> decodeStored;

  /**
   * @param decodeStored turns a stored value into plaintext given (full key, stored value): unseals
   *     private values, whose sealing is bound to their key
   */
  public AppStateView(
      StateReader committed,
      StateColumn column,
      String app,
      WriteSet blockWrites,
      BinaryOperator<byte[]> decodeStored) {
    this.committed = committed;
    this.column = column;
    this.namespace = namespace(app);
    this.blockWrites = blockWrites;
    this.decodeStored = decodeStored;
  }

  /** The key prefix of an app's state: its name and a zero byte. */
  public static byte[] namespace(String app) {
    byte[] name = app.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Arrays.copyOf(name, name.length + 1);
  }

  /** The store key of {@code key} in {@code app}'s state: its namespace followed by the key. */
  public static byte[] stateKey(String app, byte[] key) {
    byte[] ns = namespace(app);
    byte[] k = Arrays.copyOf(ns, ns.length + key.length);
    System.arraycopy(key, 0, k, ns.length, key.length);
    return k;
  }

  private byte[] full(byte[] key) {
    if (key.length == 0 || key.length > MAX_KEY) {
      throw new IllegalArgumentException("state keys are 1.." + MAX_KEY + " bytes");
    }
    byte[] k = Arrays.copyOf(namespace, namespace.length + key.length);
    System.arraycopy(key, 0, k, namespace.length, key.length);
    return k;
  }

  @Override
  public byte[] get(byte[] key) {
    byte[] k = full(key);
    if (txWrites.touches(k)) {
      return copy(txWrites.get(k));
    }
    if (blockWrites.touches(k)) {
      return copy(blockWrites.get(k));
    }
    byte[] stored = committed.get(column, k);
    return stored == null ? null : decodeStored.apply(k, stored);
  }

  private static byte[] copy(byte[] v) {
    return v == null ? null : v.clone();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    if (value.length > MAX_VALUE) {
      throw new IllegalArgumentException("state values are at most " + MAX_VALUE + " bytes");
    }
    txWrites.put(full(key), value);
  }

  @Override
  public void delete(byte[] key) {
    txWrites.delete(full(key));
  }

  @Override
  public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, int limit) {
    int max = Math.min(Math.max(limit, 0), MAX_SCAN);
    byte[] p = Arrays.copyOf(namespace, namespace.length + prefix.length);
    System.arraycopy(prefix, 0, p, namespace.length, prefix.length);
    NavigableMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
    int overlaid = countWithPrefix(blockWrites, p) + countWithPrefix(txWrites, p);
    // Overlay entries can hide at most `overlaid` committed ones, so this many suffice.
    for (Map.Entry<byte[], byte[]> e : committed.scan(column, p, max + overlaid)) {
      merged.put(e.getKey(), decodeStored.apply(e.getKey(), e.getValue()));
    }
    overlay(merged, blockWrites, p);
    overlay(merged, txWrites, p);
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : merged.entrySet()) {
      if (out.size() == max) {
        break;
      }
      if (e.getValue() != null) {
        byte[] k = Arrays.copyOfRange(e.getKey(), namespace.length, e.getKey().length);
        out.add(new AbstractMap.SimpleImmutableEntry<>(k, e.getValue().clone()));
      }
    }
    return out;
  }

  private static int countWithPrefix(WriteSet w, byte[] prefix) {
    return withPrefix(w, prefix).size();
  }

  private static NavigableMap<byte[], byte[]> withPrefix(WriteSet w, byte[] prefix) {
    NavigableMap<byte[], byte[]> tail = w.entries().tailMap(prefix, true);
    NavigableMap<byte[], byte[]> out = new TreeMap<>(Arrays::compareUnsigned);
    for (Map.Entry<byte[], byte[]> e : tail.entrySet()) {
      if (!startsWith(e.getKey(), prefix)) {
        break;
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static void overlay(NavigableMap<byte[], byte[]> merged, WriteSet w, byte[] prefix) {
    merged.putAll(withPrefix(w, prefix));
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Makes this transaction's writes part of the block; called only when the app succeeded. */
  public void commitToBlock() {
    blockWrites.putAll(txWrites);
    txWrites.clear();
  }
}
