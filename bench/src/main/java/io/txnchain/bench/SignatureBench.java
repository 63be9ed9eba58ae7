package io.txnchain.bench;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.Ed25519;
import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signature verification on the hot paths: Ed25519 (block headers, sim evidence) with BouncyCastle
 * as the project uses it against the JDK's SunEC provider, and secp256k1 ECDSA (user transactions)
 * with BouncyCastle against libsecp256k1 through ACINQ's JNI binding, which is measured here only
 * and is not a dependency of any other module.
 *
 * <p>Every benchmark checks one fixed valid signature; setup asserts that each implementation
 * accepts it, so no benchmark can measure a rejection path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureBench {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte key. */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  /** Ed25519: a header signing message (32 bytes) signed by an enclave identity key. */
  @State(Scope.Thread)
  public static class Ed25519State {
    byte[] publicKey;
    byte[] message;
    byte[] signature;
    Signature jdkVerifier;
    PublicKey jdkPublicKey;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException {
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(Hashes.sha256(bytes("enclave identity")));
      publicKey = key.publicKey();
      message = Hashes.sha256(bytes("a block header signing message"));
      signature = key.sign(message);
      jdkPublicKey = jdkEd25519PublicKey(publicKey);
      jdkVerifier = Signature.getInstance("Ed25519");
      if (!Ed25519.verify(publicKey, message, signature) || !jdkVerify(this)) {
        throw new IllegalStateException("Ed25519 fixture does not verify");
      }
    }
  }

  /** secp256k1: a transaction, its digest and signature in every form the verifiers take. */
  @State(Scope.Thread)
  public static class Secp256k1State {
    Transaction tx;
    byte[] publicKeyCompressed;
    byte[] publicKeyUncompressed;
    byte[] digest;
    EcdsaSignature signature;
    byte[] compact64;
    int recoveryId;

    @Setup(Level.Trial)
    public void setup() throws CryptoException {
      Secp256k1KeyPair key = Secp256k1KeyPair.fromPrivateKey(Hashes.sha256(bytes("user key")));
      tx = sampleTransaction(key, "bench-1");
      publicKeyCompressed = key.publicKeyCompressed();
      publicKeyUncompressed = key.publicKeyUncompressed();
      digest = Hashes.sha256(bytes("a 32-byte transaction digest"));
      signature = key.sign(digest);
      byte[] rsv = signature.toBytes65();
      compact64 = Arrays.copyOf(rsv, 64);
      recoveryId = signature.recoveryId();
      if (!tx.verifySignature()) {
        throw new IllegalStateException("transaction signature does not verify");
      }
      if (!Secp256k1.verify(publicKeyCompressed, digest, signature)) {
        throw new IllegalStateException("secp256k1 fixture does not verify");
      }
      if (!Arrays.equals(Secp256k1.recoverPublicKey(digest, signature), publicKeyUncompressed)) {
        throw new IllegalStateException("secp256k1 fixture does not recover its key");
      }
    }
  }

  /**
   * libsecp256k1 through JNI. Loading extracts the bundled native library for this OS and CPU; if
   * that fails, setup throws and JMH reports these benchmarks as failed, leaving the others.
   */
  @State(Scope.Thread)
  public static class NativeState {
    fr.acinq.secp256k1.Secp256k1 secp256k1;

    @Setup(Level.Trial)
    public void setup(Secp256k1State s) {
      secp256k1 = loadNative();
      if (!secp256k1.verify(s.compact64, s.digest, s.publicKeyCompressed)) {
        throw new IllegalStateException("libsecp256k1 rejects the fixture signature");
      }
      if (!Arrays.equals(
          secp256k1.ecdsaRecover(s.compact64, s.digest, s.recoveryId), s.publicKeyUncompressed)) {
        throw new IllegalStateException("libsecp256k1 recovers another key");
      }
    }
  }

  /** The project's Ed25519 verification (BouncyCastle rfc8032). */
  @Benchmark
  public boolean ed25519VerifyBc(Ed25519State s) {
    return Ed25519.verify(s.publicKey, s.message, s.signature);
  }

  /** Baseline: the JDK's {@code Signature.getInstance("Ed25519")} (SunEC), key decoded once. */
  @Benchmark
  public boolean ed25519VerifyJdkBaseline(Ed25519State s) throws GeneralSecurityException {
    return jdkVerify(s);
  }

  /** The project's secp256k1 ECDSA verification (BouncyCastle), compressed key as in a tx. */
  @Benchmark
  public boolean secp256k1VerifyBc(Secp256k1State s) {
    return Secp256k1.verify(s.publicKeyCompressed, s.digest, s.signature);
  }

  /** The project's secp256k1 public key recovery (BouncyCastle). */
  @Benchmark
  public byte[] secp256k1RecoverBc(Secp256k1State s) throws CryptoException {
    return Secp256k1.recoverPublicKey(s.digest, s.signature);
  }

  /** A full transaction check: signature parsing, SHA-256 and Keccak digest, ECDSA verify. */
  @Benchmark
  public boolean txVerifySignature(Secp256k1State s) {
    return s.tx.verifySignature();
  }

  /** libsecp256k1 (JNI) verifying the same signature with the same compressed key. */
  @Benchmark
  public boolean secp256k1VerifyJni(Secp256k1State s, NativeState n) {
    return n.secp256k1.verify(s.compact64, s.digest, s.publicKeyCompressed);
  }

  /** libsecp256k1 (JNI) recovering the same key. */
  @Benchmark
  public byte[] secp256k1RecoverJni(Secp256k1State s, NativeState n) {
    return n.secp256k1.ecdsaRecover(s.compact64, s.digest, s.recoveryId);
  }

  /** The JNI binding; throws if its native library cannot be loaded here. */
  static fr.acinq.secp256k1.Secp256k1 loadNative() {
    return fr.acinq.secp256k1.Secp256k1.Companion.get();
  }

  /** A work order of the size a client sends: JSON payload, pinned app measurement. */
  static Transaction sampleTransaction(Secp256k1KeyPair key, String clientId) {
    byte[] payload =
        ("{\"op\":\"put\",\"key\":\"" + clientId + "\",\"value\":\"" + "v".repeat(120) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    return Transaction.sign(
        new Transaction.Unsigned(
            "bench-chain",
            TxKind.WORK_ORDER,
            clientId,
            "kv",
            Hashes.sha256(bytes("kv app bundle")),
            false,
            payload,
            new byte[0]),
        key);
  }

  static PublicKey jdkEd25519PublicKey(byte[] raw32) throws GeneralSecurityException {
    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw32.length);
    System.arraycopy(raw32, 0, spki, ED25519_SPKI_PREFIX.length, raw32.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  static boolean jdkVerify(Ed25519State s) throws GeneralSecurityException {
    s.jdkVerifier.initVerify(s.jdkPublicKey);
    s.jdkVerifier.update(s.message);
    return s.jdkVerifier.verify(s.signature);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
