package io.txnchain.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.util.Arrays;

/** HKDF with HMAC-SHA256 (RFC 5869), plus the labelled variants of RFC 9180 §4. */
public final class Hkdf {
  /** HMAC-SHA256 output length, the PRK length. */
  public static final int HASH_LENGTH = 32;

  /** RFC 5869 caps the output at 255 blocks. */
  public static final int MAX_OUTPUT_LENGTH = 255 * HASH_LENGTH;

  private static final byte[] HPKE_VERSION_LABEL = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);

  private Hkdf() {}

  /**
   * HKDF-Extract. A {@code null} or empty salt means "no salt" (HashLen zero bytes), as the RFC
   * specifies.
   */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    Objects.requireNonNull(ikm, "ikm");
    return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, ikm);
  }

  /**
   * HKDF-Expand of {@code prk} (at least 32 bytes) to {@code length} bytes, 0 to 8160; a {@code
   * null} info means empty.
   */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    Objects.requireNonNull(prk, "prk");
    if (prk.length < HASH_LENGTH) {
      throw new IllegalArgumentException(
          "HKDF PRK must be at least " + HASH_LENGTH + " bytes, got " + prk.length);
    }
    if (length < 0 || length > MAX_OUTPUT_LENGTH) {
      throw new IllegalArgumentException(
          "HKDF output length must be in [0, " + MAX_OUTPUT_LENGTH + "], got " + length);
    }
    byte[] out = new byte[length];
    if (length > 0) {
      HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
      generator.init(HKDFParameters.skipExtractParameters(prk, info));
      generator.generateBytes(out, 0, length);
    }
    return out;
  }

  /** HKDF-Extract followed by HKDF-Expand. */
  public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    return expand(extract(salt, ikm), info, length);
  }

  /**
   * RFC 9180 LabeledExtract: {@code Extract(salt, "HPKE-v1" || suiteId || label || ikm)}. A {@code
   * null} salt or ikm means empty.
   */
  public static byte[] labeledExtract(byte[] suiteId, byte[] salt, String label, byte[] ikm) {
    Objects.requireNonNull(suiteId, "suiteId");
    return extract(
        salt,
        Arrays.concatenate(
            HPKE_VERSION_LABEL, suiteId, ascii(label), ikm == null ? new byte[0] : ikm));
  }

  /**
   * RFC 9180 LabeledExpand: {@code Expand(prk, I2OSP(length, 2) || "HPKE-v1" || suiteId || label ||
   * info, length)}. A {@code null} info means empty.
   */
  public static byte[] labeledExpand(
      byte[] suiteId, byte[] prk, String label, byte[] info, int length) {
    Objects.requireNonNull(suiteId, "suiteId");
    if (length < 0 || length > MAX_OUTPUT_LENGTH) {
      throw new IllegalArgumentException(
          "HKDF output length must be in [0, " + MAX_OUTPUT_LENGTH + "], got " + length);
    }
    byte[] encodedLength = {(byte) (length >>> 8), (byte) length};
    byte[] labeledInfo =
        Arrays.concatenate(
            new byte[][] {
              encodedLength,
              HPKE_VERSION_LABEL,
              suiteId,
              ascii(label),
              info == null ? new byte[0] : info
            });
    return expand(prk, labeledInfo, length);
  }

  private static byte[] ascii(String label) {
    return Objects.requireNonNull(label, "label").getBytes(StandardCharsets.US_ASCII);
  }
}
