package io.txnchain.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.encoders.Hex;

/**
 * A secp256k1 ECDSA signature with the recovery id (0 or 1) that tells which of the two candidate
 * points R was used, so the public key can be recovered from the signature and digest.
 *
 * <p>The constructor checks only lengths and the recovery id, so that foreign signatures can be
 * represented and then rejected by {@link Secp256k1#verify}; {@link #fromBytes65} is strict.
 */
public record EcdsaSignature(byte[] r32, byte[] s32, int recoveryId) {
  /** Length of the {@code r || s || v} encoding. */
  public static final int ENCODED_LENGTH = 65;

  /** Ethereum adds this to the recovery id to form v. */
  public static final int V_OFFSET = 27;

  /** Validates lengths and the recovery id, and copies the arrays. */
  public EcdsaSignature {
    Objects.requireNonNull(r32, "r32");
    Objects.requireNonNull(s32, "s32");
    if (r32.length != 32 || s32.length != 32) {
      throw new IllegalArgumentException(
          "ECDSA r and s must be 32 bytes each, got " + r32.length + " and " + s32.length);
    }
    if (recoveryId != 0 && recoveryId != 1) {
      throw new IllegalArgumentException("ECDSA recovery id must be 0 or 1, got " + recoveryId);
    }
    r32 = r32.clone();
    s32 = s32.clone();
  }

  static EcdsaSignature of(BigInteger r, BigInteger s, int recoveryId) {
    return new EcdsaSignature(
        BigIntegers.asUnsignedByteArray(32, r), BigIntegers.asUnsignedByteArray(32, s), recoveryId);
  }

  /** The 32-byte big-endian r (a copy). */
  @Override
  public byte[] r32() {
    return r32.clone();
  }

  /** The 32-byte big-endian s (a copy). */
  @Override
  public byte[] s32() {
    return s32.clone();
  }

  BigInteger r() {
    return new BigInteger(1, r32);
  }

  BigInteger s() {
    return new BigInteger(1, s32);
  }

  /** Ethereum encoding {@code r || s || v} with {@code v = 27 + recoveryId}. */
  public byte[] toBytes65() {
    byte[] out = new byte[ENCODED_LENGTH];
    System.arraycopy(r32, 0, out, 0, 32);
    System.arraycopy(s32, 0, out, 32, 32);
    out[64] = (byte) (V_OFFSET + recoveryId);
    return out;
  }

  /**
   * Parses {@code r || s || v}, rejecting v other than 27/28, r or s outside [1, n-1], and high s
   * (s &gt; n/2), which would make the signature malleable.
   */
  public static EcdsaSignature fromBytes65(byte[] sig) throws CryptoException {
    if (sig == null || sig.length != ENCODED_LENGTH) {
      throw new CryptoException(
          "ECDSA signature must be "
              + ENCODED_LENGTH
              + " bytes, got "
              + (sig == null ? "null" : sig.length));
    }
    int v = sig[64] & 0xff;
    if (v != V_OFFSET && v != V_OFFSET + 1) {
      throw new CryptoException("ECDSA signature v must be 27 or 28, got " + v);
    }
    EcdsaSignature signature =
        new EcdsaSignature(
            Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64), v - V_OFFSET);
    Secp256k1.checkScalars(signature);
    return signature;
  }

  /** Whether s &le; n/2, the canonical form Ethereum requires (EIP-2). */
  public boolean isLowS() {
    return s().compareTo(Secp256k1.HALF_N) <= 0;
  }

  /** Equal when the r, s and recovery id are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EcdsaSignature other
        && recoveryId == other.recoveryId
        && Arrays.equals(r32, other.r32)
        && Arrays.equals(s32, other.s32);
  }

  /** Hash of the r, s and recovery id, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(r32) + Arrays.hashCode(s32)) + recoveryId;
  }

  /** The signature with r and s in hex. */
  @Override
  public String toString() {
    return "EcdsaSignature[r="
        + Hex.toHexString(r32)
        + ", s="
        + Hex.toHexString(s32)
        + ", recoveryId="
        + recoveryId
        + "]";
  }
}
