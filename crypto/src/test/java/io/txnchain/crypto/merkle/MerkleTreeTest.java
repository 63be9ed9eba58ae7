package io.txnchain.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Hashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  /** The RFC 6962 reference leaves used by the Certificate Transparency implementations. */
  private static final byte[][] LEAVES = {
    Hex.decode(""),
    Hex.decode("00"),
    Hex.decode("10"),
    Hex.decode("2021"),
    Hex.decode("3031"),
    Hex.decode("40414243"),
    Hex.decode("5051525354555657"),
    Hex.decode("606162636465666768696a6b6c6d6e6f"),
  };

  /** Roots for sizes 0..8. */
  private static final String[] ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  };

  private static MerkleTree referenceTree() {
    MerkleTree tree = new MerkleTree();
    for (byte[] leaf : LEAVES) {
      tree.append(leaf);
    }
    return tree;
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Hex::toHexString).toList();
  }

  @Test
  void rootsMatchTheReferenceDataAsTheTreeGrows() {
    MerkleTree tree = new MerkleTree();
    assertThat(Hex.toHexString(tree.root())).isEqualTo(ROOTS[0]);
    for (int i = 0; i < LEAVES.length; i++) {
      assertThat(tree.append(LEAVES[i])).isEqualTo(i);
      assertThat(tree.size()).isEqualTo(i + 1);
      assertThat(Hex.toHexString(tree.root())).as("size %d", i + 1).isEqualTo(ROOTS[i + 1]);
    }
    for (int size = 0; size <= LEAVES.length; size++) {
      assertThat(Hex.toHexString(tree.rootAt(size))).isEqualTo(ROOTS[size]);
    }
  }

  @Test
  void publishedInclusionProofs() {
    MerkleTree tree = referenceTree();
    assertThat(hex(tree.proof(0, 8).path()))
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(hex(tree.proof(5, 8).path()))
        .containsExactly(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(hex(tree.proof(2, 3).path()))
        .containsExactly("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
    assertThat(hex(tree.proof(1, 5).path()))
        .containsExactly(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    assertThat(tree.proof(0, 1).path()).isEmpty();
  }

  @Test
  void everyReferenceProofVerifiesAndNoCorruptionDoes() throws CryptoException {
    MerkleTree tree = referenceTree();
    byte[] someHash = Hashes.sha256(new byte[] {42});
    for (int size = 1; size <= LEAVES.length; size++) {
      byte[] root = Hex.decode(ROOTS[size]);
      for (int index = 0; index < size; index++) {
        final int i0 = index;
        final int s0 = size;
        InclusionProof proof = tree.proof(index, size);
        String at = "index " + index + ", size " + size;
        assertThat(proof.verify(root, LEAVES[index])).as(at).isTrue();
        assertThat(proof.rootFromLeafHash(MerkleTree.leafHash(LEAVES[index]))).isEqualTo(root);

        assertThat(proof.verify(someHash, LEAVES[index])).as(at).isFalse();
        assertThat(proof.verify(Hex.decode(ROOTS[0]), LEAVES[index])).as(at).isFalse();
        assertThat(proof.verify(root, "wrong leaf".getBytes())).as(at).isFalse();
        for (int other = 0; other < size; other++) {
          if (other != index) {
            assertThat(proof.verify(root, LEAVES[other])).as(at + " leaf " + other).isFalse();
            assertThat(new InclusionProof(other, size, proof.path()).verify(root, LEAVES[index]))
                .as(at + " as index " + other)
                .isFalse();
          }
        }
        // The tree size is bound by the signed tree head, not by the proof: sizes whose audit
        // path has the same shape (leaf 0 in 3 or 4 leaves) verify alike. Any size that implies a
        // different path length must be rejected.
        for (long otherSize = index + 1; otherSize <= 16; otherSize++) {
          if (Naive.pathLength(index, otherSize) != proof.path().size()) {
            InclusionProof resized = new InclusionProof(index, otherSize, proof.path());
            assertThat(resized.verify(root, LEAVES[index]))
                .as(at + " as size " + otherSize)
                .isFalse();
          }
        }
        List<byte[]> path = proof.path();
        for (int i = 0; i < path.size(); i++) {
          List<byte[]> corrupted = new ArrayList<>(path);
          byte[] node = corrupted.get(i).clone();
          node[0] ^= 8;
          corrupted.set(i, node);
          assertThat(new InclusionProof(index, size, corrupted).verify(root, LEAVES[index]))
              .as(at + " bit flip in " + i)
              .isFalse();
        }
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(root);
        assertThatThrownBy(
                () ->
                    new InclusionProof(i0, s0, longer)
                        .rootFromLeafHash(MerkleTree.leafHash(LEAVES[i0])))
            .as(at)
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("too many");
        if (!path.isEmpty()) {
          List<byte[]> shorter = path.subList(0, path.size() - 1);
          assertThatThrownBy(
                  () ->
                      new InclusionProof(i0, s0, shorter)
                          .rootFromLeafHash(MerkleTree.leafHash(LEAVES[i0])))
              .as(at)
              .isInstanceOf(CryptoException.class)
              .hasMessageContaining("too few");
        }
      }
    }
  }

  @Test
  void inconsistentIndexAndSizeAreRejected() {
    byte[] leafHash = MerkleTree.leafHash(new byte[0]);
    for (long[] bad : new long[][] {{0, 0}, {1, 1}, {5, 3}, {-1, 4}, {0, -1}}) {
      InclusionProof proof = new InclusionProof(bad[0], bad[1], List.of());
      assertThatThrownBy(() -> proof.rootFromLeafHash(leafHash))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("outside");
      assertThat(proof.verify(leafHash, new byte[0])).isFalse();
    }
  }

  /** Seeded comparison with a naive recursive RFC 9162 implementation, sizes 0..300. */
  @Test
  void agreesWithNaiveImplementation() throws CryptoException {
    Random random = new Random(0x7c0ffeeL);
    MerkleTree tree = new MerkleTree();
    List<byte[]> leaves = new ArrayList<>();
    assertThat(tree.root()).isEqualTo(Naive.mth(leaves, 0, 0));
    for (int size = 1; size <= 300; size++) {
      byte[] leaf = new byte[random.nextInt(64)];
      random.nextBytes(leaf);
      leaves.add(leaf);
      if (random.nextBoolean()) {
        tree.append(leaf);
      } else {
        tree.appendLeafHash(MerkleTree.leafHash(leaf));
      }
      byte[] root = Naive.mth(leaves, 0, size);
      assertThat(tree.root()).as("root of size %d", size).isEqualTo(root);

      List<Integer> indices = new ArrayList<>(List.of(0, size - 1, size / 2));
      for (int i = 0; i < (size <= 32 ? size : 6); i++) {
        indices.add(size <= 32 ? i : random.nextInt(size));
      }
      for (int index : indices) {
        InclusionProof proof = tree.proof(index);
        assertThat(hex(proof.path()))
            .as("path of %d in %d", index, size)
            .isEqualTo(hex(Naive.path(leaves, index, 0, size)));
        assertThat(proof.verify(root, leaf(leaves, index))).isTrue();
        assertThat(proof.leafIndex()).isEqualTo(index);
        assertThat(proof.treeSize()).isEqualTo(size);
      }

      // Historical roots and proofs against an earlier size.
      int earlier = 1 + random.nextInt(size);
      int index = random.nextInt(earlier);
      byte[] earlierRoot = Naive.mth(leaves, 0, earlier);
      assertThat(tree.rootAt(earlier)).isEqualTo(earlierRoot);
      InclusionProof old = tree.proof(index, earlier);
      assertThat(hex(old.path())).isEqualTo(hex(Naive.path(leaves, index, 0, earlier)));
      assertThat(old.rootFromLeafHash(MerkleTree.leafHash(leaves.get(index))))
          .isEqualTo(earlierRoot);
    }
  }

  @Test
  void largeTreeCrossesStorageChunks() {
    Random random = new Random(42);
    MerkleTree tree = new MerkleTree();
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 4100; i++) {
      byte[] leaf = new byte[8];
      random.nextBytes(leaf);
      leaves.add(leaf);
      tree.append(leaf);
    }
    byte[] root = Naive.mth(leaves, 0, leaves.size());
    assertThat(tree.root()).isEqualTo(root);
    for (int index : new int[] {0, 1023, 1024, 2047, 2048, 4095, 4096, 4099}) {
      InclusionProof proof = tree.proof(index);
      assertThat(proof.verify(root, leaves.get(index))).as("index %d", index).isTrue();
      assertThat(hex(proof.path())).isEqualTo(hex(Naive.path(leaves, index, 0, leaves.size())));
    }
  }

  @Test
  void argumentChecks() {
    MerkleTree tree = referenceTree();
    assertThatThrownBy(() -> tree.proof(8)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> tree.proof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> tree.proof(0, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MerkleTree().proof(0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> tree.rootAt(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.appendLeafHash(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 31");
    assertThat(tree.size()).isEqualTo(8);
    assertThatThrownBy(() -> MerkleTree.nodeHash(new byte[32], new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InclusionProof(0, 2, List.of(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element 0");
  }

  @Test
  void proofIsAnImmutableValue() {
    MerkleTree tree = referenceTree();
    InclusionProof proof = tree.proof(3);
    proof.path().get(0)[0] ^= 1;
    assertThat(proof.verify(tree.root(), LEAVES[3])).isTrue();
    assertThat(tree.proof(3)).isEqualTo(proof).hasSameHashCodeAs(proof);
    assertThat(tree.proof(4)).isNotEqualTo(proof);
    byte[] hash = MerkleTree.leafHash(LEAVES[0]);
    MerkleTree other = new MerkleTree();
    other.appendLeafHash(hash);
    hash[0] ^= 1;
    assertThat(Hex.toHexString(other.root())).isEqualTo(ROOTS[1]);
  }

  private static byte[] leaf(List<byte[]> leaves, int index) {
    return leaves.get(index);
  }

  /** Straight transcription of RFC 9162 §2.1.1 and §2.1.3.1, independent of the tree's code. */
  private static final class Naive {
    static byte[] mth(List<byte[]> d, int lo, int hi) {
      int n = hi - lo;
      if (n == 0) {
        return Hashes.sha256();
      }
      if (n == 1) {
        return Hashes.sha256(new byte[] {0}, d.get(lo));
      }
      int k = split(n);
      return Hashes.sha256(new byte[] {1}, mth(d, lo, lo + k), mth(d, lo + k, hi));
    }

    static List<byte[]> path(List<byte[]> d, int m, int lo, int hi) {
      int n = hi - lo;
      List<byte[]> out = new ArrayList<>();
      if (n <= 1) {
        return out;
      }
      int k = split(n);
      if (m - lo < k) {
        out.addAll(path(d, m, lo, lo + k));
        out.add(mth(d, lo + k, hi));
      } else {
        out.addAll(path(d, m, lo + k, hi));
        out.add(mth(d, lo, lo + k));
      }
      return out;
    }

    /** Length of PATH(m, D[0:n]): one hash per split on the way down to the leaf. */
    static int pathLength(long m, long n) {
      int length = 0;
      long lo = 0;
      long hi = n;
      while (hi - lo > 1) {
        int k = split((int) (hi - lo));
        if (m - lo < k) {
          hi = lo + k;
        } else {
          lo = lo + k;
        }
        length++;
      }
      return length;
    }

    /** The largest power of two smaller than n. */
    private static int split(int n) {
      int k = 1;
      while (2 * k < n) {
        k *= 2;
      }
      return k;
    }
  }
}
