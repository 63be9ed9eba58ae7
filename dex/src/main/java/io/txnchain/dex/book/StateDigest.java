package io.txnchain.dex.book;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 over a canonical serialization: fixed-width big-endian integers and length-prefixed
 * strings, so that distinct states cannot serialize to the same bytes.
 */
public final class StateDigest {
  private final SHA256Digest digest = new SHA256Digest();
  private final byte[] buf = new byte[8];

  /** Starts a digest with a domain-separating tag. */
  public StateDigest(String tag) {
    putString(tag);
  }

  /** Appends 8 bytes big-endian. */
  public StateDigest putLong(long v) {
    for (int i = 7; i >= 0; i--) {
      buf[i] = (byte) v;
      v >>>= 8;
    }
    digest.update(buf, 0, 8);
    return this;
  }

  /** Appends one byte. */
  public StateDigest putByte(int b) {
    digest.update((byte) b);
    return this;
  }

  /** Appends the length (8 bytes) and the bytes. */
  public StateDigest putBytes(byte[] bytes) {
    putLong(bytes.length);
    digest.update(bytes, 0, bytes.length);
    return this;
  }

  /** Appends a UTF-8 string, length-prefixed; {@code null} is written as the empty string. */
  public StateDigest putString(String s) {
    return putBytes(s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8));
  }

  /** The 32-byte SHA-256; the digest must not be used afterwards. */
  public byte[] finish() {
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
