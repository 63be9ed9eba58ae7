package io.txnchain.crypto.merkle;

import io.txnchain.crypto.Hashes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Append-only Merkle tree per RFC 9162 §2.1: leaf hash = SHA-256(0x00 || data), node hash =
 * SHA-256(0x01 || left || right); MTH of the empty tree = SHA-256(""). Non-power-of-two sizes split
 * at the largest power of two less than n.
 *
 * <p>Every complete, aligned subtree is cached when its last leaf arrives, so an append hashes
 * amortised O(1) nodes (O(log n) worst case), a root costs O(log n) hashes and a proof O(log² n).
 * Memory is about two hashes per leaf. Not thread-safe.
 */
public final class MerkleTree {
  /** Hash length in bytes. */
  public static final int HASH_LENGTH = 32;

  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] NODE_PREFIX = {0x01};

  /** levels.get(k) holds the hashes of the aligned complete subtrees of 2^k leaves, in order. */
  private final List<HashStore> levels = new ArrayList<>();

  private long size;

  /** Creates an empty tree. */
  public MerkleTree() {}

  /** Appends a leaf and returns its index. */
  public long append(byte[] leafData) {
    long index = size;
    push(leafHash(leafData));
    return index;
  }

  /** Appends a leaf given its RFC 9162 leaf hash (as computed by {@link #leafHash}). */
  public void appendLeafHash(byte[] leafHash32) {
    push(requireHash(leafHash32, "leaf hash").clone());
  }

  /** Number of leaves. */
  public long size() {
    return size;
  }

  /** The 32-byte root (MTH) of the current tree. */
  public byte[] root() {
    return rootAt(size);
  }

  /** The root the tree had when it held {@code treeSize} leaves, 0 &le; treeSize &le; size(). */
  public byte[] rootAt(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException("tree size " + treeSize + " is outside [0, " + size + "]");
    }
    return treeSize == 0 ? Hashes.sha256() : rangeHash(0, treeSize);
  }

  /** RFC 9162 §2.1.3.1 audit path of a leaf against the current size. */
  public InclusionProof proof(long leafIndex) {
    return proof(leafIndex, size);
  }

  /**
   * Audit path of a leaf against the tree as it was at {@code treeSize} leaves, 0 &le; leafIndex
   * &lt; treeSize &le; size().
   */
  public InclusionProof proof(long leafIndex, long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException("tree size " + treeSize + " is outside [0, " + size + "]");
    }
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IndexOutOfBoundsException(
          "leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves");
    }
    List<byte[]> path = new ArrayList<>();
    appendPath(leafIndex, 0, treeSize, path);
    return new InclusionProof(leafIndex, treeSize, path);
  }

  /** RFC 9162 leaf hash: SHA-256(0x00 || leafData). */
  public static byte[] leafHash(byte[] leafData) {
    Objects.requireNonNull(leafData, "leafData");
    return Hashes.sha256(LEAF_PREFIX, leafData);
  }

  /** RFC 9162 interior node hash: SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left32, byte[] right32) {
    return Hashes.sha256(
        NODE_PREFIX, requireHash(left32, "left hash"), requireHash(right32, "right hash"));
  }

  private void push(byte[] leafHash) {
    byte[] hash = leafHash;
    int level = 0;
    while (true) {
      if (level == levels.size()) {
        levels.add(new HashStore());
      }
      HashStore store = levels.get(level);
      store.add(hash);
      long count = store.size();
      if ((count & 1) == 1) {
        break;
      }
      // An even count completes a subtree one level up.
      hash = nodeHash(store.get(count - 2), hash);
      level++;
    }
    size++;
  }

  /**
   * PATH(m, D[lo:hi]) of RFC 9162, appended leaf-first. Recursion depth is at most 64 because every
   * step at least halves the range.
   */
  private void appendPath(long m, long lo, long hi, List<byte[]> out) {
    long n = hi - lo;
    if (n <= 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m < lo + k) {
      appendPath(m, lo, lo + k, out);
      out.add(rangeHash(lo + k, hi));
    } else {
      appendPath(m, lo + k, hi, out);
      out.add(rangeHash(lo, lo + k));
    }
  }

  /**
   * MTH(D[lo:hi]) for a range that the RFC 9162 recursion produces: lo is then a multiple of the
   * smallest power of two &ge; hi - lo, so the range splits left to right into cached complete
   * subtrees of decreasing size, which fold from the right exactly as the recursion would.
   */
  private byte[] rangeHash(long lo, long hi) {
    byte[] acc = null;
    long end = hi;
    long remaining = hi - lo;
    while (remaining != 0) {
      long block = Long.lowestOneBit(remaining);
      long start = end - block;
      byte[] subtree = levels.get(Long.numberOfTrailingZeros(block)).get(start / block);
      acc = acc == null ? subtree : nodeHash(subtree, acc);
      end = start;
      remaining -= block;
    }
    return acc;
  }

  private static byte[] requireHash(byte[] hash, String what) {
    Objects.requireNonNull(hash, what);
    if (hash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be " + HASH_LENGTH + " bytes, got " + hash.length);
    }
    return hash;
  }

  /** Append-only list of 32-byte hashes packed into chunks, to avoid an object per hash. */
  private static final class HashStore {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK_BYTES = HASH_LENGTH << CHUNK_BITS;
    private static final int FIRST_CAPACITY_BYTES = 4 * HASH_LENGTH;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    void add(byte[] hash) {
      int chunkIndex = (int) (size >>> CHUNK_BITS);
      int offset = (int) (size & ((1 << CHUNK_BITS) - 1)) * HASH_LENGTH;
      if (chunkIndex == chunks.size()) {
        // Only the first chunk starts small, so small trees stay small.
        chunks.add(new byte[chunkIndex == 0 ? FIRST_CAPACITY_BYTES : CHUNK_BYTES]);
      }
      byte[] chunk = chunks.get(chunkIndex);
      if (offset == chunk.length) {
        chunk = Arrays.copyOf(chunk, Math.min(2 * chunk.length, CHUNK_BYTES));
        chunks.set(chunkIndex, chunk);
      }
      System.arraycopy(hash, 0, chunk, offset, HASH_LENGTH);
      size++;
    }

    byte[] get(long index) {
      byte[] chunk = chunks.get((int) (index >>> CHUNK_BITS));
      int offset = (int) (index & ((1 << CHUNK_BITS) - 1)) * HASH_LENGTH;
      return Arrays.copyOfRange(chunk, offset, offset + HASH_LENGTH);
    }

    long size() {
      return size;
    }
  }
}
