package io.txnchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.bench.dex.DexCommandStream;
import io.txnchain.bench.dex.DexVsExchangeCore;
import io.txnchain.bench.dex.ExchangeCoreRuns;
import io.txnchain.bench.dex.OurRuns;
import io.txnchain.crypto.merkle.MerkleTree;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The build does not run the benchmarks, but it does run every setup and every benchmark method
 * once, so a change elsewhere that breaks a fixture (an invalid receipt, a signature that no longer
 * verifies, a native library that no longer loads) fails here rather than in the next benchmark
 * run.
 */
class BenchmarkFixturesTest {

  @Test
  void merkle() throws Exception {
    MerkleBench bench = new MerkleBench();
    MerkleBench.Leaves leaves = new MerkleBench.Leaves();
    leaves.n = 1000;
    leaves.setup();
    assertThat(bench.appendThenRoot(leaves))
        .isEqualTo(bench.appendThenRootBaselineJdkRecursive(leaves));

    MerkleBench.Proofs proofs = new MerkleBench.Proofs();
    proofs.setup();
    assertThat(bench.proofOfRandomLeaf10k(proofs).treeSize())
        .isEqualTo(MerkleBench.PROOF_TREE_SIZE);
    assertThat(bench.verifyProof10k(proofs)).isEqualTo(proofs.root).hasSize(MerkleTree.HASH_LENGTH);
    proofs.next = 0;
    byte[] bc = bench.leafHashBc(proofs);
    proofs.next = 0;
    assertThat(bench.leafHashBaselineJdk(proofs)).isEqualTo(bc).hasSize(MerkleTree.HASH_LENGTH);
  }

  @Test
  void sealedBox() throws Exception {
    SealedBoxBench bench = new SealedBoxBench();
    SealedBoxBench.Keys keys = new SealedBoxBench.Keys();
    keys.setup();
    for (int size : new int[] {100, 4096}) {
      SealedBoxBench.Payload p = new SealedBoxBench.Payload();
      p.size = size;
      p.setup(keys);
      assertThat(bench.seal(keys, p)).hasSizeGreaterThan(size);
      assertThat(bench.open(keys, p)).isEqualTo(p.plaintext);
      assertThat(bench.baselineBcAesGcmEncrypt(p)).isEqualTo(p.bcCiphertext);
      assertThat(bench.baselineBcAesGcmDecrypt(p)).isEqualTo(p.plaintext);
      // Twice: the second call must move to a fresh nonce, or the JDK refuses to encrypt.
      assertThat(bench.baselineJdkAesGcmEncrypt(p)).hasSize(p.bcCiphertext.length);
      assertThat(bench.baselineJdkAesGcmEncrypt(p)).hasSize(p.bcCiphertext.length);
      assertThat(bench.baselineJdkAesGcmDecrypt(p)).isEqualTo(p.plaintext);
    }
    assertThat(bench.x25519Agree(keys)).hasSize(32);
  }

  @Test
  void signatures() throws Exception {
    SignatureBench bench = new SignatureBench();
    SignatureBench.Ed25519State ed = new SignatureBench.Ed25519State();
    ed.setup();
    assertThat(bench.ed25519VerifyBc(ed)).isTrue();
    assertThat(bench.ed25519VerifyJdkBaseline(ed)).isTrue();

    SignatureBench.Secp256k1State k1 = new SignatureBench.Secp256k1State();
    k1.setup();
    assertThat(bench.secp256k1VerifyBc(k1)).isTrue();
    assertThat(bench.secp256k1RecoverBc(k1)).isEqualTo(k1.publicKeyUncompressed);
    assertThat(bench.txVerifySignature(k1)).isTrue();
  }

  @Test
  void nativeSecp256k1LoadsAndAgrees() throws Exception {
    SignatureBench bench = new SignatureBench();
    SignatureBench.Secp256k1State k1 = new SignatureBench.Secp256k1State();
    k1.setup();
    SignatureBench.NativeState jni = new SignatureBench.NativeState();
    jni.setup(k1);
    assertThat(bench.secp256k1VerifyJni(k1, jni)).isTrue();
    assertThat(bench.secp256k1RecoverJni(k1, jni)).isEqualTo(k1.publicKeyUncompressed);
  }

  @Test
  void receiptIsValid() throws Exception {
    ReceiptVerifyBench bench = new ReceiptVerifyBench();
    bench.setup();
    assertThat(bench.verifyFromJson().valid()).isTrue();
    assertThat(bench.verifyParsed().valid()).isTrue();
    assertThat(bench.verifyParsed().height()).isEqualTo(42);
    assertThat(bench.baselineParseJsonOnly().id()).isEqualTo(bench.receipt.id());
  }

  /**
   * The DEX side-by-side benchmark at toy sizes: both engines, both levels, the cross-check and the
   * heap probe run once, and every run must trade what the generator expects with nothing refused.
   */
  @Test
  void dexVsExchangeCore() {
    DexVsExchangeCore.Options o =
        new DexVsExchangeCore.Options(
            new DexCommandStream.Params(200, 100, 20_000, 1),
            0,
            1,
            20_000,
            10_000,
            100,
            ExchangeCoreRuns.PipelineConfig.standard(),
            true,
            true);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    DexVsExchangeCore.Report r =
        DexVsExchangeCore.run(o, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(DexVsExchangeCore.problems(r)).as(log.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(r.expectedTrades()).isPositive();
    assertThat(r.coreOurs()).hasSize(1);
    assertThat(r.engineTheirs()).hasSize(1);
    assertThat(r.check().commands()).isEqualTo(20_000);
    assertThat(r.heap()).hasSize(3).allSatisfy(h -> assertThat(h.orders()).isEqualTo(10_000));
  }

  @Test
  void dexStreamHasTheIssuesMixAndKeepsTheEngineConsistent() {
    DexCommandStream s =
        DexCommandStream.generate(new DexCommandStream.Params(200, 100, 20_000, 2));
    assertThat(s.timedCommands()).isEqualTo(20_000);
    assertThat(s.fallbacks).isZero();
    assertThat(s.typeCounts[DexCommandStream.GTC]).isBetween(9_500, 10_500);
    assertThat(s.typeCounts[DexCommandStream.IOC]).isBetween(1_700, 2_300);
    assertThat(s.typeCounts[DexCommandStream.CANCEL]).isBetween(5_500, 6_500);
    assertThat(s.typeCounts[DexCommandStream.MOVE]).isBetween(1_700, 2_300);
    assertThat(s.minBook).isGreaterThan(50);
    assertThat(s.maxBook).isLessThan(200);
    // Balances, locks and conservation hold at the end of the stream.
    OurRuns.checkEngineInvariants(s, OurRuns.engineCommands(s));
  }
}
