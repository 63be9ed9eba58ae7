package io.txnchain.bench;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.merkle.InclusionProof;
import io.txnchain.crypto.merkle.MerkleTree;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 9162 Merkle tree ({@link MerkleTree}): building a block's transaction tree, producing an
 * inclusion proof and checking one.
 *
 * <p>Leaves are 256 random bytes, about the size of a {@code TxRecord} encoding with a small
 * payload. The baseline computes the same root with the JDK's SHA-256 and the textbook recursive
 * MTH of RFC 9162 §2.1.1, so it shows both the cost of the project's incremental tree and of
 * BouncyCastle's SHA-256 against the JDK's intrinsified one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MerkleBench {
  static final int LEAF_BYTES = 256;
  static final int PROOF_TREE_SIZE = 10_000;
  static final int PROOF_SAMPLES = 1024;

  /** N random leaves. */
  @State(Scope.Benchmark)
  public static class Leaves {
    @Param({"1000", "10000"})
    public int n;

    byte[][] leaves;

    @Setup(Level.Trial)
    public void setup() {
      leaves = randomLeaves(n, 1);
      byte[] tree = appendAll(leaves);
      byte[] textbook = jdkMth(leaves);
      if (!Arrays.equals(tree, textbook)) {
        throw new IllegalStateException("MerkleTree root differs from the textbook RFC 9162 MTH");
      }
    }
  }

  /**
   * A 10k-leaf tree with precomputed random leaf indices, and their proofs and leaf hashes for the
   * verification benchmark. Each call takes the next index, so the leaf varies between calls
   * without a random number generator inside the measured code.
   */
  @State(Scope.Thread)
  public static class Proofs {
    MerkleTree tree;
    byte[] root;
    long[] indices;
    InclusionProof[] proofs;
    byte[][] leafHashes;
    byte[][] leaves;
    MessageDigest jdkSha256;
    int next;

    @Setup(Level.Trial)
    public void setup() throws CryptoException, NoSuchAlgorithmException {
      jdkSha256 = MessageDigest.getInstance("SHA-256");
      leaves = randomLeaves(PROOF_TREE_SIZE, 2);
      tree = new MerkleTree();
      for (byte[] leaf : leaves) {
        tree.append(leaf);
      }
      root = tree.root();
      Random random = new Random(3);
      indices = new long[PROOF_SAMPLES];
      proofs = new InclusionProof[PROOF_SAMPLES];
      leafHashes = new byte[PROOF_SAMPLES][];
      for (int i = 0; i < PROOF_SAMPLES; i++) {
        int index = random.nextInt(PROOF_TREE_SIZE);
        indices[i] = index;
        proofs[i] = tree.proof(index);
        leafHashes[i] = MerkleTree.leafHash(leaves[index]);
        jdkSha256.update((byte) 0x00);
        if (!Arrays.equals(jdkSha256.digest(leaves[index]), leafHashes[i])) {
          throw new IllegalStateException("JDK and BouncyCastle SHA-256 disagree");
        }
        if (!Arrays.equals(proofs[i].rootFromLeafHash(leafHashes[i]), root)) {
          throw new IllegalStateException("proof of leaf " + index + " does not lead to the root");
        }
      }
    }

    int nextSample() {
      int i = next;
      next = (i + 1) & (PROOF_SAMPLES - 1);
      return i;
    }
  }

  /** Appends N leaves to an empty tree, then takes the root: building a block's tx tree. */
  @Benchmark
  public byte[] appendThenRoot(Leaves s) {
    return appendAll(s.leaves);
  }

  /** Baseline: the same root with JDK SHA-256 and the recursive MTH, nothing cached. */
  @Benchmark
  public byte[] appendThenRootBaselineJdkRecursive(Leaves s) {
    return jdkMth(s.leaves);
  }

  /** Audit path of a random leaf of a 10k-leaf tree (what a receipt carries). */
  @Benchmark
  public InclusionProof proofOfRandomLeaf10k(Proofs s) {
    return s.tree.proof(s.indices[s.nextSample()]);
  }

  /** Recomputes the root from a leaf hash and its audit path in a 10k-leaf tree. */
  @Benchmark
  public byte[] verifyProof10k(Proofs s) throws CryptoException {
    int i = s.nextSample();
    return s.proofs[i].rootFromLeafHash(s.leafHashes[i]);
  }

  /** One RFC 9162 leaf hash of a 256-byte leaf with the project's SHA-256 (BouncyCastle). */
  @Benchmark
  public byte[] leafHashBc(Proofs s) {
    return MerkleTree.leafHash(s.leaves[s.nextSample()]);
  }

  /** Baseline: the same leaf hash with the JDK's SHA-256 (intrinsic where the CPU has SHA-NI). */
  @Benchmark
  public byte[] leafHashBaselineJdk(Proofs s) {
    s.jdkSha256.update((byte) 0x00);
    return s.jdkSha256.digest(s.leaves[s.nextSample()]);
  }

  static byte[] appendAll(byte[][] leaves) {
    MerkleTree tree = new MerkleTree();
    for (byte[] leaf : leaves) {
      tree.append(leaf);
    }
    return tree.root();
  }

  static byte[][] randomLeaves(int n, long seed) {
    Random random = new Random(seed);
    byte[][] leaves = new byte[n][LEAF_BYTES];
    for (byte[] leaf : leaves) {
      random.nextBytes(leaf);
    }
    return leaves;
  }

  /** RFC 9162 §2.1.1 MTH, recursively, with the JDK's SHA-256. */
  static byte[] jdkMth(byte[][] leaves) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[][] hashes = new byte[leaves.length][];
    for (int i = 0; i < leaves.length; i++) {
      sha256.update((byte) 0x00);
      hashes[i] = sha256.digest(leaves[i]);
    }
    return mth(sha256, hashes, 0, hashes.length);
  }

  private static byte[] mth(MessageDigest sha256, byte[][] leafHashes, int lo, int hi) {
    int n = hi - lo;
    if (n == 0) {
      return sha256.digest();
    }
    if (n == 1) {
      return leafHashes[lo];
    }
    int k = Integer.highestOneBit(n - 1);
    byte[] left = mth(sha256, leafHashes, lo, lo + k);
    byte[] right = mth(sha256, leafHashes, lo + k, hi);
    sha256.update((byte) 0x01);
    sha256.update(left);
    return sha256.digest(right);
  }
}
