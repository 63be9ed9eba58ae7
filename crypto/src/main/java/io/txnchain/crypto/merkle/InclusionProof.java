package io.txnchain.crypto.merkle;

import io.txnchain.crypto.CryptoException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * An RFC 9162 inclusion proof: the audit path of leaf {@code leafIndex} in a tree of {@code
 * treeSize} leaves, ordered from the leaf's sibling up to the root's child.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {
  /** Checks that every path element is a 32-byte hash, and copies them. */
  public InclusionProof {
    Objects.requireNonNull(path, "path");
    List<byte[]> copy = new ArrayList<>(path.size());
    for (int i = 0; i < path.size(); i++) {
      byte[] node = path.get(i);
      if (node == null || node.length != MerkleTree.HASH_LENGTH) {
        throw new IllegalArgumentException(
            "inclusion path element "
                + i
                + " must be "
                + MerkleTree.HASH_LENGTH
                + " bytes, got "
                + (node == null ? "null" : node.length));
      }
      copy.add(node.clone());
    }
    path = List.copyOf(copy);
  }

  /** The audit path (copies of the hashes). */
  @Override
  public List<byte[]> path() {
    return path.stream().map(byte[]::clone).toList();
  }

  /**
   * RFC 9162 §2.1.3.2 verification; returns the computed root, or throws CryptoException if
   * index/size/path length are inconsistent.
   */
  public byte[] rootFromLeafHash(byte[] leafHash32) throws CryptoException {
    Objects.requireNonNull(leafHash32, "leafHash32");
    if (leafHash32.length != MerkleTree.HASH_LENGTH) {
      throw new IllegalArgumentException(
          "leaf hash must be " + MerkleTree.HASH_LENGTH + " bytes, got " + leafHash32.length);
    }
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new CryptoException(
          "inclusion proof leaf index " + leafIndex + " is outside a tree of " + treeSize);
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash32;
    for (byte[] p : path) {
      if (sn == 0) {
        throw new CryptoException(
            "inclusion path has " + path.size() + " elements, too many for this index and size");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleTree.nodeHash(p, r);
        // Skip the levels where this node is the right edge and has no sibling.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleTree.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new CryptoException(
          "inclusion path has " + path.size() + " elements, too few for this index and size");
    }
    return r;
  }

  /** Whether {@code leafData} is included at {@code leafIndex} under {@code expectedRoot32}. */
  public boolean verify(byte[] expectedRoot32, byte[] leafData) {
    if (expectedRoot32 == null
        || leafData == null
        || expectedRoot32.length != MerkleTree.HASH_LENGTH) {
      return false;
    }
    try {
      return MessageDigest.isEqual(expectedRoot32, rootFromLeafHash(MerkleTree.leafHash(leafData)));
    } catch (CryptoException e) {
      return false;
    }
  }

  /** Equal when the index, size and path hashes are equal. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InclusionProof other)
        || leafIndex != other.leafIndex
        || treeSize != other.treeSize
        || path.size() != other.path.size()) {
      return false;
    }
    for (int i = 0; i < path.size(); i++) {
      if (!Arrays.equals(path.get(i), other.path.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Hash of the index, size and path hashes, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    int h = Long.hashCode(leafIndex) * 31 + Long.hashCode(treeSize);
    for (byte[] node : path) {
      h = h * 31 + Arrays.hashCode(node);
    }
    return h;
  }

  /** The proof with hashes in hex. */
  @Override
  public String toString() {
    return "InclusionProof[leafIndex="
        + leafIndex
        + ", treeSize="
        + treeSize
        + ", path="
        + path.stream().map(Hex::toHexString).toList()
        + "]";
  }
}
