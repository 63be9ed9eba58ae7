package io.txnchain.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/** An Ed25519 (RFC 8032) signing key: enclave and node identities. */
public final class Ed25519KeyPair {
  /** Private seed length in bytes. */
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final byte[] publicKey;

  private Ed25519KeyPair(byte[] seed) {
    this.seed = seed;
    this.publicKey = new byte[Ed25519.PUBLIC_KEY_LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
  }

  /** Generates a key pair from {@code random}. */
  public static Ed25519KeyPair generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    return new Ed25519KeyPair(seed);
  }

  /** Rebuilds the key pair whose RFC 8032 private key is {@code seed32}. */
  public static Ed25519KeyPair fromSeed(byte[] seed32) {
    Objects.requireNonNull(seed32, "seed32");
    if (seed32.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "Ed25519 seed must be " + SEED_LENGTH + " bytes, got " + seed32.length);
    }
    return new Ed25519KeyPair(seed32.clone());
  }

  /** The 32-byte private seed (a copy). */
  public byte[] seed() {
    return seed.clone();
  }

  /** The 32-byte public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Signs {@code message} with pure Ed25519 and returns the 64-byte signature. */
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    byte[] signature = new byte[Ed25519.SIGNATURE_LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "Ed25519KeyPair[publicKey=" + Hex.toHexString(publicKey) + "]";
  }
}
