package io.txnchain.tee.sim;

import io.txnchain.tee.evidence.EvidenceException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The layout of {@code sim} evidence: {@code "TXSIMEV1" || measurement(32) || reportData(32) ||
 * platformKey(32) || signature(64)}, the signature by the platform key over {@code
 * "txnchain/sim-evidence/v1" ||} the first 104 bytes.
 */
public record SimEvidence(
    byte[] measurement, byte[] reportData, byte[] platformKey, byte[] signature) {
  public static final String FORMAT = "sim";
  static final byte[] MAGIC = "TXSIMEV1".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SIGNING_DOMAIN =
      "txnchain/sim-evidence/v1".getBytes(StandardCharsets.US_ASCII);
  static final int LENGTH = 8 + 32 + 32 + 32 + 64;

  /** The bytes the platform key signs. */
  public byte[] signedBytes() {
    return ByteBuffer.allocate(SIGNING_DOMAIN.length + LENGTH - 64)
        .put(SIGNING_DOMAIN)
        .put(MAGIC)
        .put(measurement)
        .put(reportData)
        .put(platformKey)
        .array();
  }

  /** The evidence bytes. */
  public byte[] encode() {
    return ByteBuffer.allocate(LENGTH)
        .put(MAGIC)
        .put(measurement)
        .put(reportData)
        .put(platformKey)
        .put(signature)
        .array();
  }

  /** Whether {@code data} has the size and magic number of sim evidence. */
  public static boolean looksLike(byte[] data) {
    return data.length == LENGTH && Arrays.equals(Arrays.copyOf(data, 8), MAGIC);
  }

  /** Parses evidence bytes; refuses anything but the exact layout. */
  public static SimEvidence decode(byte[] data) throws EvidenceException {
    if (data.length != LENGTH) {
      throw new EvidenceException("sim evidence must be " + LENGTH + " bytes, got " + data.length);
    }
    if (!Arrays.equals(Arrays.copyOf(data, 8), MAGIC)) {
      throw new EvidenceException("sim evidence has a bad magic number");
    }
    return new SimEvidence(
        Arrays.copyOfRange(data, 8, 40),
        Arrays.copyOfRange(data, 40, 72),
        Arrays.copyOfRange(data, 72, 104),
        Arrays.copyOfRange(data, 104, 168));
  }
}
