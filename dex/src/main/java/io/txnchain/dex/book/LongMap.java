package io.txnchain.dex.book;

import java.util.Arrays;

/**
 * An open-addressing hash map from primitive {@code long} keys to non-null values: linear probing,
 * Fibonacci hashing, backward-shift deletion (no tombstones), no boxing. Iteration order would
 * depend on history, so the map offers none; {@link #sortedKeys()} gives a deterministic order.
 */
public final class LongMap<V> {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int MAX_CAPACITY = 1 << 30;

  private long[] keys;
  private Object[] values;
  private int mask;
  private int shift;
  private int size;
  private int resizeAt;

  /** An empty map sized for about 16 entries. */
  public LongMap() {
    this(16);
  }

  /** An empty map sized for about {@code expected} entries without resizing. */
  public LongMap(int expected) {
    int capacity = 16;
    while (capacity < MAX_CAPACITY && capacity < expected * 2) {
      capacity <<= 1;
    }
    allocate(capacity);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
    resizeAt = capacity / 2;
  }

  private int slot(long key) {
    return (int) ((key * GOLDEN) >>> shift);
  }

  /** Number of entries. */
  public int size() {
    return size;
  }

  /** The value for {@code key}, or {@code null}. */
  @SuppressWarnings("unchecked")
  public V get(long key) {
    Object[] vs = values;
    long[] ks = keys;
    int i = slot(key);
    Object v;
    while ((v = vs[i]) != null) {
      if (ks[i] == key) {
        return (V) v;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Whether {@code key} has a value. */
  public boolean containsKey(long key) {
    return get(key) != null;
  }

  /** Maps {@code key} to the non-null {@code value}; returns the previous value or {@code null}. */
  @SuppressWarnings("unchecked")
  public V put(long key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("LongMap values must not be null");
    }
    int i = slot(key);
    Object v;
    while ((v = values[i]) != null) {
      if (keys[i] == key) {
        values[i] = value;
        return (V) v;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    if (++size > resizeAt) {
      grow();
    }
    return null;
  }

  /** Removes {@code key}; returns its value or {@code null}. */
  @SuppressWarnings("unchecked")
  public V remove(long key) {
    int i = slot(key);
    Object v;
    while ((v = values[i]) != null) {
      if (keys[i] == key) {
        deleteAt(i);
        size--;
        return (V) v;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Shifts later members of the probe run back so that no lookup passes an empty slot early. */
  private void deleteAt(int hole) {
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      if (values[j] == null) {
        break;
      }
      int home = slot(keys[j]);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      boolean homeBetween = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!homeBetween) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    values[hole] = null;
  }

  private void grow() {
    if (keys.length >= MAX_CAPACITY) {
      throw new IllegalStateException("LongMap is full");
    }
    long[] oldKeys = keys;
    Object[] oldValues = values;
    allocate(keys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        int j = slot(oldKeys[i]);
        while (values[j] != null) {
          j = (j + 1) & mask;
        }
        keys[j] = oldKeys[i];
        values[j] = oldValues[i];
      }
    }
  }

  /** All keys in ascending order. */
  public long[] sortedKeys() {
    long[] out = new long[size];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (values[i] != null) {
        out[n++] = keys[i];
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** Removes every entry, keeping the capacity. */
  public void clear() {
    Arrays.fill(values, null);
    size = 0;
  }
}
