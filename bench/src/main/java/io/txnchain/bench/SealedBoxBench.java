package io.txnchain.bench;

import io.txnchain.crypto.AesGcm;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * {@link SealedBox} (HPKE base mode, X25519, HKDF-SHA256, AES-256-GCM) for a 100-byte and a 4 KiB
 * payload, against two plain baselines: the AEAD step alone with the project's BouncyCastle {@link
 * AesGcm}, and AES-256-GCM with the JDK's {@link Cipher}. {@link #x25519Agree} is one
 * Diffie-Hellman, the operation a seal does twice (ephemeral key, shared secret) and an open once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealedBoxBench {
  static final byte[] INFO = "txnchain/bench/info".getBytes(StandardCharsets.US_ASCII);
  static final byte[] AAD = "txnchain/bench/aad".getBytes(StandardCharsets.US_ASCII);

  /** Recipient keys; no payload, so the key-agreement baseline is not repeated per size. */
  @State(Scope.Thread)
  public static class Keys {
    X25519KeyPair recipient;
    byte[] recipientPublicKey;
    byte[] peerPublicKey;
    SecureRandom random;

    @Setup(Level.Trial)
    public void setup() {
      recipient = X25519KeyPair.fromPrivateKey(Hashes.sha256(bytes("recipient")));
      recipientPublicKey = recipient.publicKey();
      peerPublicKey = X25519KeyPair.fromPrivateKey(Hashes.sha256(bytes("peer"))).publicKey();
      // What a client uses for ephemeral keys: the platform default (NativePRNG on Linux).
      random = new SecureRandom();
    }
  }

  /** A payload of {@code size} bytes, a box of it, and the same bytes under plain AES-GCM. */
  @State(Scope.Thread)
  public static class Payload {
    @Param({"100", "4096"})
    public int size;

    byte[] plaintext;
    byte[] box;
    byte[] aesKey;
    byte[] nonce;
    byte[] bcCiphertext;
    SecretKeySpec jdkKey;
    Cipher jdkCipher;
    byte[] jdkNonce;
    long jdkCounter;
    byte[] jdkCiphertext;

    @Setup(Level.Trial)
    public void setup(Keys keys) throws GeneralSecurityException, SealedBoxException {
      plaintext = new byte[size];
      new Random(size).nextBytes(plaintext);
      box = SealedBox.seal(keys.recipientPublicKey, INFO, AAD, plaintext, keys.random);
      if (!Arrays.equals(SealedBox.open(keys.recipient, INFO, AAD, box), plaintext)) {
        throw new IllegalStateException("sealed box does not round-trip");
      }
      aesKey = Hashes.sha256(bytes("aes-key"));
      nonce = Arrays.copyOf(Hashes.sha256(bytes("nonce")), AesGcm.NONCE_LENGTH);
      bcCiphertext = AesGcm.encrypt(aesKey, nonce, AAD, plaintext);
      jdkKey = new SecretKeySpec(aesKey, "AES");
      jdkCipher = Cipher.getInstance("AES/GCM/NoPadding");
      jdkNonce = nonce.clone();
      jdkCiphertext = jdkEncrypt(this);
      if (!Arrays.equals(jdkCiphertext, bcCiphertext)) {
        throw new IllegalStateException("JDK and BouncyCastle AES-GCM disagree");
      }
    }
  }

  /** Seals to the recipient: ephemeral X25519 key, DH, HPKE key schedule, AES-256-GCM. */
  @Benchmark
  public byte[] seal(Keys k, Payload p) {
    return SealedBox.seal(k.recipientPublicKey, INFO, AAD, p.plaintext, k.random);
  }

  /** Opens the box: DH with the recipient key, HPKE key schedule, AES-256-GCM decryption. */
  @Benchmark
  public byte[] open(Keys k, Payload p) throws SealedBoxException {
    return SealedBox.open(k.recipient, INFO, AAD, p.box);
  }

  /** Baseline: the AEAD step alone, BouncyCastle AES-256-GCM as the sealed box uses it. */
  @Benchmark
  public byte[] baselineBcAesGcmEncrypt(Payload p) {
    return AesGcm.encrypt(p.aesKey, p.nonce, AAD, p.plaintext);
  }

  /** Baseline: BouncyCastle AES-256-GCM decryption of the same bytes. */
  @Benchmark
  public byte[] baselineBcAesGcmDecrypt(Payload p) throws CryptoException {
    return AesGcm.decrypt(p.aesKey, p.nonce, AAD, p.bcCiphertext);
  }

  /** Baseline: JDK AES-256-GCM encryption (AES-NI and GHASH intrinsics), fresh nonce per call. */
  @Benchmark
  public byte[] baselineJdkAesGcmEncrypt(Payload p) throws GeneralSecurityException {
    return jdkEncrypt(p);
  }

  /** Baseline: JDK AES-256-GCM decryption. */
  @Benchmark
  public byte[] baselineJdkAesGcmDecrypt(Payload p) throws GeneralSecurityException {
    p.jdkCipher.init(
        Cipher.DECRYPT_MODE, p.jdkKey, new GCMParameterSpec(8 * AesGcm.TAG_LENGTH, p.nonce));
    p.jdkCipher.updateAAD(AAD);
    return p.jdkCipher.doFinal(p.jdkCiphertext);
  }

  /** One X25519 Diffie-Hellman (BouncyCastle), the cost that dominates small boxes. */
  @Benchmark
  public byte[] x25519Agree(Keys k) throws CryptoException {
    return k.recipient.agree(k.peerPublicKey);
  }

  /**
   * The JDK refuses to encrypt twice under one key and nonce, so every call after the first uses
   * the next nonce; the first call (in setup) uses the same nonce as the BouncyCastle baseline.
   */
  static byte[] jdkEncrypt(Payload p) throws GeneralSecurityException {
    if (p.jdkCounter > 0) {
      ByteBuffer.wrap(p.jdkNonce).putLong(4, p.jdkCounter);
    }
    p.jdkCounter++;
    p.jdkCipher.init(
        Cipher.ENCRYPT_MODE, p.jdkKey, new GCMParameterSpec(8 * AesGcm.TAG_LENGTH, p.jdkNonce));
    p.jdkCipher.updateAAD(AAD);
    return p.jdkCipher.doFinal(p.plaintext);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
