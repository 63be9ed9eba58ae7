package io.txnchain.crypto;

/** Ed25519 (RFC 8032) signature verification. */
public final class Ed25519 {
  /** Public key length in bytes. */
  public static final int PUBLIC_KEY_LENGTH = 32;

  /** Signature length in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519() {}

  /**
   * Verifies a pure Ed25519 signature. Returns {@code false}, never throws, for any malformed
   * input: null arguments, wrong lengths, a public key that is not a curve point, or a
   * non-canonical s.
   */
  public static boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
    if (publicKey32 == null
        || message == null
        || signature64 == null
        || publicKey32.length != PUBLIC_KEY_LENGTH
        || signature64.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature64, 0, publicKey32, 0, message, 0, message.length);
    } catch (RuntimeException e) {
      // Verification is a yes/no question; undecodable input is a no.
      return false;
    }
  }
}
