package io.txnchain.dex.book;

import io.txnchain.wire.dex.Side;

/**
 * One side's price levels in a sorted array, best level last so that the hot operations (match at
 * the best, add or remove near the best) touch the array's end. Levels are ordered by a key that
 * grows towards the best price: the price for bids, minus the price for asks. Lookup away from the
 * best is a binary search over a {@code long[]}; inserting or removing there shifts the levels
 * behind it with {@code System.arraycopy}.
 */
final class BookSide {
  final Side side;
  private final boolean bids;
  private long[] keys = new long[64];
  private PriceLevel[] levels = new PriceLevel[64];
  private int size;

  BookSide(Side side) {
    this.side = side;
    this.bids = side == Side.BUY;
  }

  private long key(long price) {
    return bids ? price : -price;
  }

  int size() {
    return size;
  }

  /** The best level, or {@code null}. */
  PriceLevel best() {
    return size == 0 ? null : levels[size - 1];
  }

  /** The level {@code rank} places behind the best (0 = best). */
  PriceLevel atRank(int rank) {
    return levels[size - 1 - rank];
  }

  /** The level at {@code price}, or {@code null}. */
  PriceLevel get(long price) {
    int i = indexOf(key(price));
    return i >= 0 ? levels[i] : null;
  }

  /** Binary search; {@code -(insertion point) - 1} when absent. Checks the best level first. */
  private int indexOf(long key) {
    int hi = size - 1;
    if (hi >= 0 && keys[hi] <= key) {
      return keys[hi] == key ? hi : -(hi + 2);
    }
    int lo = 0;
    hi--;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long k = keys[mid];
      if (k < key) {
        lo = mid + 1;
      } else if (k > key) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Inserts {@code level} (whose price is not yet present) at its sorted place. */
  void insert(PriceLevel level) {
    long key = key(level.price);
    int at = -indexOf(key) - 1;
    if (size == keys.length) {
      long[] k = new long[size * 2];
      PriceLevel[] l = new PriceLevel[size * 2];
      System.arraycopy(keys, 0, k, 0, size);
      System.arraycopy(levels, 0, l, 0, size);
      keys = k;
      levels = l;
    }
    if (at < size) {
      System.arraycopy(keys, at, keys, at + 1, size - at);
      System.arraycopy(levels, at, levels, at + 1, size - at);
    }
    keys[at] = key;
    levels[at] = level;
    size++;
  }

  /** Removes {@code level}, which must be present. */
  void remove(PriceLevel level) {
    int last = size - 1;
    int at = levels[last] == level ? last : indexOf(key(level.price));
    if (at < last) {
      System.arraycopy(keys, at + 1, keys, at, last - at);
      System.arraycopy(levels, at + 1, levels, at, last - at);
    }
    levels[last] = null;
    size = last;
  }
}
