package io.txnchain.crypto;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/** secp256k1 ECDSA verification, public key recovery and point decompression. */
public final class Secp256k1 {
  /** Length of a compressed public key: prefix 0x02/0x03 and X. */
  public static final int COMPRESSED_LENGTH = 33;

  /** Length of an uncompressed public key: prefix 0x04, X and Y. */
  public static final int UNCOMPRESSED_LENGTH = 65;

  /** Digest length accepted for signing and verification. */
  public static final int DIGEST_LENGTH = 32;

  static final ECDomainParameters DOMAIN;
  static final BigInteger N;
  static final BigInteger HALF_N;

  static {
    X9ECParameters params = CustomNamedCurves.getByName("secp256k1");
    DOMAIN = new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH());
    N = params.getN();
    HALF_N = N.shiftRight(1);
  }

  private Secp256k1() {}

  /**
   * Verifies {@code sig} over a 32-byte digest with a 33- or 65-byte public key. Returns {@code
   * false}, never throws, for high s, r or s out of range, an invalid key or wrong lengths. The
   * recovery id is not checked: verification does not need it.
   */
  public static boolean verify(byte[] publicKey, byte[] digest32, EcdsaSignature sig) {
    if (publicKey == null || digest32 == null || sig == null) {
      return false;
    }
    if (digest32.length != DIGEST_LENGTH || !sig.isLowS()) {
      return false;
    }
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    if (!inScalarRange(r) || !inScalarRange(s)) {
      return false;
    }
    if (NativeSecp256k1.available()) {
      // libsecp256k1 also parses hybrid (0x06/0x07) keys; only SEC1 compressed or uncompressed
      // keys are ours to accept.
      boolean sec1 =
          (publicKey.length == COMPRESSED_LENGTH && (publicKey[0] == 2 || publicKey[0] == 3))
              || (publicKey.length == 65 && publicKey[0] == 4);
      return sec1 && NativeSecp256k1.verify(publicKey, digest32, compact(sig));
    }
    return verifyWithBouncyCastle(publicKey, digest32, sig);
  }

  static boolean verifyWithBouncyCastle(byte[] publicKey, byte[] digest32, EcdsaSignature sig) {
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    ECPoint q;
    try {
      q = decodePublicKey(publicKey);
    } catch (CryptoException e) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
    return verifier.verifySignature(digest32, r, s);
  }

  /**
   * Recovers the 65-byte uncompressed public key that produced {@code sig} over {@code digest32}.
   * Throws if r or s is out of range, s is high, or no point with that r and recovery id exists.
   */
  public static byte[] recoverPublicKey(byte[] digest32, EcdsaSignature sig)
      throws CryptoException {
    Objects.requireNonNull(sig, "sig");
    requireDigest(digest32);
    checkScalars(sig);
    if (NativeSecp256k1.available()) {
      byte[] key = NativeSecp256k1.recover(digest32, compact(sig), sig.recoveryId());
      if (key == null) {
        throw new CryptoException("ECDSA signature does not recover to a public key");
      }
      return key;
    }
    return recoverWithBouncyCastle(digest32, sig);
  }

  static byte[] recoverWithBouncyCastle(byte[] digest32, EcdsaSignature sig)
      throws CryptoException {
    ECPoint q = recoverPoint(digest32, sig.r(), sig.s(), sig.recoveryId());
    if (q == null) {
      throw new CryptoException("ECDSA signature does not recover to a public key");
    }
    return q.getEncoded(false);
  }

  /** Decompresses a 33-byte public key to the 65-byte form, checking that it is a curve point. */
  public static byte[] decompress(byte[] publicKey33) throws CryptoException {
    Objects.requireNonNull(publicKey33, "publicKey33");
    if (publicKey33.length != COMPRESSED_LENGTH) {
      throw new CryptoException(
          "compressed secp256k1 public key must be "
              + COMPRESSED_LENGTH
              + " bytes, got "
              + publicKey33.length);
    }
    if (publicKey33[0] != 2 && publicKey33[0] != 3) {
      throw new CryptoException("compressed secp256k1 public key must start with 0x02 or 0x03");
    }
    if (NativeSecp256k1.available()) {
      byte[] key = NativeSecp256k1.parse(publicKey33);
      if (key == null) {
        throw new CryptoException("secp256k1 public key is not a point on the curve");
      }
      return key;
    }
    return decodePublicKey(publicKey33).getEncoded(false);
  }

  /** Decodes a 33-byte compressed or 65-byte uncompressed key; hybrid encodings are rejected. */
  static ECPoint decodePublicKey(byte[] encoded) throws CryptoException {
    int prefix = encoded.length == 0 ? -1 : encoded[0] & 0xff;
    boolean compressed = encoded.length == COMPRESSED_LENGTH && (prefix == 2 || prefix == 3);
    boolean uncompressed = encoded.length == UNCOMPRESSED_LENGTH && prefix == 4;
    if (!compressed && !uncompressed) {
      throw new CryptoException(
          "secp256k1 public key must be 33 bytes starting 0x02/0x03 or 65 bytes starting 0x04, got "
              + encoded.length
              + " bytes starting "
              + prefix);
    }
    try {
      // decodePoint checks that the point lies on the curve; the cofactor is 1, so that suffices.
      return DOMAIN.getCurve().decodePoint(encoded).normalize();
    } catch (IllegalArgumentException e) {
      throw new CryptoException("secp256k1 public key is not a point on the curve", e);
    }
  }

  /** SEC 1 §4.1.6 for recovery ids 0 and 1; {@code null} when no such key exists. */
  static ECPoint recoverPoint(byte[] digest32, BigInteger r, BigInteger s, int recoveryId) {
    byte[] encodedR = new byte[COMPRESSED_LENGTH];
    encodedR[0] = (byte) (2 + recoveryId);
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, r), 0, encodedR, 1, 32);
    ECPoint bigR;
    try {
      bigR = DOMAIN.getCurve().decodePoint(encodedR);
    } catch (IllegalArgumentException e) {
      return null;
    }
    BigInteger e = new BigInteger(1, digest32).mod(N);
    BigInteger rInv = r.modInverse(N);
    BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), u1, bigR, u2).normalize();
    return q.isInfinity() ? null : q;
  }

  static void checkScalars(EcdsaSignature sig) throws CryptoException {
    if (!inScalarRange(sig.r())) {
      throw new CryptoException("ECDSA signature r must be in [1, n-1]");
    }
    if (!inScalarRange(sig.s())) {
      throw new CryptoException("ECDSA signature s must be in [1, n-1]");
    }
    if (!sig.isLowS()) {
      throw new CryptoException("ECDSA signature has high s (s > n/2); only low-s is accepted");
    }
  }

  static void requireDigest(byte[] digest32) {
    Objects.requireNonNull(digest32, "digest32");
    if (digest32.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "ECDSA digest must be " + DIGEST_LENGTH + " bytes, got " + digest32.length);
    }
  }

  static boolean inScalarRange(BigInteger v) {
    return v.signum() > 0 && v.compareTo(N) < 0;
  }

  /** The implementation in use: {@code libsecp256k1} (native) or {@code bouncycastle}. */
  public static String backend() {
    return NativeSecp256k1.available() ? "libsecp256k1" : "bouncycastle";
  }

  static byte[] compact(EcdsaSignature sig) {
    byte[] out = new byte[64];
    System.arraycopy(sig.r32(), 0, out, 0, 32);
    System.arraycopy(sig.s32(), 0, out, 32, 32);
    return out;
  }
}
