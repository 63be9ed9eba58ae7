package io.txnchain.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** A secp256k1 key pair: user keys, with Ethereum-compatible addresses and signatures. */
public final class Secp256k1KeyPair {
  /** Private key length in bytes. */
  public static final int PRIVATE_KEY_LENGTH = 32;

  private static final byte[] REPLY_KEY_DOMAIN =
      "txnchain/reply-key/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final BigInteger d;
  private final ECPoint q;
  private final EthAddress address;

  private Secp256k1KeyPair(BigInteger d) {
    this.d = d;
    this.q = new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), d).normalize();
    this.address = EthAddress.fromPublicKey(q.getEncoded(false));
  }

  /** Generates a key pair from {@code random}. */
  public static Secp256k1KeyPair generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] candidate = new byte[PRIVATE_KEY_LENGTH];
    while (true) {
      random.nextBytes(candidate);
      BigInteger d = new BigInteger(1, candidate);
      // Rejection sampling keeps the key uniform in [1, n-1]; a retry has probability ~2^-128.
      if (Secp256k1.inScalarRange(d)) {
        return new Secp256k1KeyPair(d);
      }
    }
  }

  /**
   * Rebuilds the key pair from a 32-byte big-endian private key; throws {@link
   * IllegalArgumentException} if it is 0 or &ge; n.
   */
  public static Secp256k1KeyPair fromPrivateKey(byte[] priv32) {
    Objects.requireNonNull(priv32, "priv32");
    if (priv32.length != PRIVATE_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "secp256k1 private key must be " + PRIVATE_KEY_LENGTH + " bytes, got " + priv32.length);
    }
    BigInteger d = new BigInteger(1, priv32);
    if (!Secp256k1.inScalarRange(d)) {
      throw new IllegalArgumentException("secp256k1 private key must be in [1, n-1]");
    }
    return new Secp256k1KeyPair(d);
  }

  /** The 32-byte big-endian private key (a copy). */
  public byte[] privateKey() {
    return BigIntegers.asUnsignedByteArray(PRIVATE_KEY_LENGTH, d);
  }

  /** The 33-byte compressed public key. */
  public byte[] publicKeyCompressed() {
    return q.getEncoded(true);
  }

  /** The 65-byte uncompressed public key {@code 0x04 || X || Y}. */
  public byte[] publicKeyUncompressed() {
    return q.getEncoded(false);
  }

  /**
   * The X25519 key derived from this key, on which a user receives sealed data (results sealed by
   * an enclave, recovery shares), so that a user keeps one secret, not two.
   */
  public X25519KeyPair replyKey() {
    return X25519KeyPair.derive(Hashes.sha256(REPLY_KEY_DOMAIN, privateKey()));
  }

  /** The Ethereum address of this key. */
  public EthAddress address() {
    return address;
  }

  /**
   * Signs a 32-byte digest with RFC 6979 deterministic k (HMAC-SHA256), normalises s to the low
   * half and sets the recovery id accordingly, as Ethereum clients do.
   */
  public EcdsaSignature sign(byte[] digest32) {
    Secp256k1.requireDigest(digest32);
    if (NativeSecp256k1.available()) {
      byte[] compact = NativeSecp256k1.sign(digest32, privateKey());
      byte[] own = publicKeyUncompressed();
      for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
        if (NativeSecp256k1.sameKey(NativeSecp256k1.recover(digest32, compact, recoveryId), own)) {
          return EcdsaSignature.of(
              new BigInteger(1, Arrays.copyOfRange(compact, 0, 32)),
              new BigInteger(1, Arrays.copyOfRange(compact, 32, 64)),
              recoveryId);
        }
      }
      throw new IllegalStateException("ECDSA signature needs a recovery id above 1");
    }
    return signWithBouncyCastle(digest32);
  }

  EcdsaSignature signWithBouncyCastle(byte[] digest32) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(d, Secp256k1.DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest32);
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    if (s.compareTo(Secp256k1.HALF_N) > 0) {
      s = Secp256k1.N.subtract(s);
    }
    // The signer does not expose R, so find the recovery id by recovering the candidates.
    for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
      ECPoint candidate = Secp256k1.recoverPoint(digest32, r, s, recoveryId);
      if (q.equals(candidate)) {
        return EcdsaSignature.of(r, s, recoveryId);
      }
    }
    // Only reachable when R.x >= n (probability ~2^-128), which v = 27/28 cannot express.
    throw new IllegalStateException("ECDSA signature needs a recovery id above 1");
  }

  /** Shows the address only. */
  @Override
  public String toString() {
    return "Secp256k1KeyPair[address=" + address + "]";
  }
}
