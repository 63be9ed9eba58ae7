package io.txnchain.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** One-shot hash functions over the concatenation of their arguments. */
public final class Hashes {
  private Hashes() {}

  // The JDK's SHA-256 uses the CPU's SHA extensions where present: 10x BouncyCastle's here
  // (BENCHMARKS.md). MessageDigest instances are not thread-safe, hence one per thread.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK provides SHA-256", e);
            }
          });

  /** SHA-256 (FIPS 180-4) of {@code parts[0] || parts[1] || ...}; 32 bytes. */
  public static byte[] sha256(byte[]... parts) {
    Objects.requireNonNull(parts, "parts");
    MessageDigest md = SHA256.get();
    md.reset();
    for (byte[] part : parts) {
      md.update(Objects.requireNonNull(part, () -> "hash input part is null"));
    }
    return md.digest();
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
