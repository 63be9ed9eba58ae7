package io.txnchain.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** One-shot hash functions over the concatenation of their arguments. */
public final class Hashes {
  private Hashes() {}

  /** SHA-256 (FIPS 180-4) of {@code parts[0] || parts[1] || ...}; 32 bytes. */
  public static byte[] sha256(byte[]... parts) {
    return digest(new SHA256Digest(), parts);
  }

  /**
   * Ethereum's Keccak-256 of {@code parts[0] || parts[1] || ...}; 32 bytes. This is the original
   * Keccak padding, so it differs from the standardised SHA3-256.
   */
  public static byte[] keccak256(byte[]... parts) {
    return digest(new KeccakDigest(256), parts);
  }

  private static byte[] digest(Digest digest, byte[][] parts) {
    Objects.requireNonNull(parts, "parts");
    for (int i = 0; i < parts.length; i++) {
      byte[] part = Objects.requireNonNull(parts[i], () -> "hash input part is null");
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
