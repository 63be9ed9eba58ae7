package io.txnchain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/** An X25519 (RFC 7748) key pair: sealing (encryption) keys. */
public final class X25519KeyPair {
  /** Private and public key length in bytes. */
  public static final int KEY_LENGTH = 32;

  /** RFC 9180 suite id of DHKEM(X25519, HKDF-SHA256): "KEM" || I2OSP(0x0020, 2). */
  private static final byte[] KEM_SUITE_ID =
      Arrays.concatenate("KEM".getBytes(StandardCharsets.US_ASCII), new byte[] {0x00, 0x20});

  private final byte[] privateKey;
  private final byte[] publicKey;

  private X25519KeyPair(byte[] privateKey) {
    this.privateKey = privateKey;
    this.publicKey = new byte[KEY_LENGTH];
    X25519.scalarMultBase(privateKey, 0, publicKey, 0);
  }

  /** Generates a key pair from {@code random}. */
  public static X25519KeyPair generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] privateKey = new byte[KEY_LENGTH];
    random.nextBytes(privateKey);
    return new X25519KeyPair(privateKey);
  }

  /**
   * Rebuilds the key pair from a 32-byte private key; any 32 bytes are valid because X25519 clamps
   * the scalar when it is used.
   */
  public static X25519KeyPair fromPrivateKey(byte[] priv32) {
    Objects.requireNonNull(priv32, "priv32");
    if (priv32.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "X25519 private key must be " + KEY_LENGTH + " bytes, got " + priv32.length);
    }
    return new X25519KeyPair(priv32.clone());
  }

  /**
   * Deterministic key pair from input keying material (at least 32 bytes): RFC 9180 §7.1.3
   * DeriveKeyPair(ikm) for DHKEM(X25519, HKDF-SHA256).
   */
  public static X25519KeyPair derive(byte[] ikm) {
    Objects.requireNonNull(ikm, "ikm");
    if (ikm.length < KEY_LENGTH) {
      throw new IllegalArgumentException(
          "X25519 key derivation needs at least "
              + KEY_LENGTH
              + " bytes of ikm, got "
              + ikm.length);
    }
    byte[] dkpPrk = Hkdf.labeledExtract(KEM_SUITE_ID, null, "dkp_prk", ikm);
    return new X25519KeyPair(Hkdf.labeledExpand(KEM_SUITE_ID, dkpPrk, "sk", null, KEY_LENGTH));
  }

  /** The 32-byte private key (a copy). */
  public byte[] privateKey() {
    return privateKey.clone();
  }

  /** The 32-byte public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * X25519 Diffie-Hellman with a peer's 32-byte public key; throws {@link CryptoException} if the
   * result is all zeros, which means the peer key is a low-order point.
   */
  public byte[] agree(byte[] peerPublicKey32) throws CryptoException {
    Objects.requireNonNull(peerPublicKey32, "peerPublicKey32");
    if (peerPublicKey32.length != KEY_LENGTH) {
      throw new CryptoException(
          "X25519 public key must be " + KEY_LENGTH + " bytes, got " + peerPublicKey32.length);
    }
    byte[] shared = new byte[KEY_LENGTH];
    if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey32, 0, shared, 0)) {
      throw new CryptoException("X25519 peer public key is a low-order point");
    }
    return shared;
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "X25519KeyPair[publicKey=" + Hex.toHexString(publicKey) + "]";
  }
}
