package io.txnchain.tee.dcap;

import io.txnchain.tee.evidence.EvidenceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An Intel DCAP ECDSA quote: SGX version 3, or TDX version 4 or 5 (TD report 1.0 or 1.5). Offsets
 * follow Intel's "SGX ECDSA Quote Library" and "TDX DCAP Quote Generation" references. Bytes after
 * the signature data are ignored, as Intel's and other verifiers do: quote buffers are often
 * padded.
 */
public final class Quote {
  static final int HEADER = 48;
  static final int SGX_REPORT = 384;
  static final int TD_REPORT_10 = 584;
  static final int TD_REPORT_15 = 648;
  static final int TEE_SGX = 0x00;
  static final int TEE_TDX = 0x81;

  private final byte[] raw;
  private final int version;
  private final int teeType;
  private final int bodyOffset;
  private final int bodyLength;
  private final int signedLength;
  private final byte[] signature;
  private final byte[] attestationKey;
  private final byte[] qeReport;
  private final byte[] qeReportSignature;
  private final byte[] qeAuthData;
  private final int certificationType;
  private final byte[] certificationData;

  private Quote(byte[] raw) throws EvidenceException {
    this.raw = raw;
    Reader r = new Reader(raw);
    version = r.u16(0);
    int keyType = r.u16(2);
    teeType = r.i32(4);
    if (keyType != 2) {
      throw new EvidenceException(
          "unsupported attestation key type " + keyType + " (only 2, ECDSA-256 with P-256)");
    }
    switch (version) {
      case 3 -> {
        require(teeType == TEE_SGX, "a version 3 quote must be an SGX quote");
        bodyOffset = HEADER;
        bodyLength = SGX_REPORT;
      }
      case 4 -> {
        require(teeType == TEE_TDX, "a version 4 quote must be a TDX quote");
        bodyOffset = HEADER;
        bodyLength = TD_REPORT_10;
      }
      case 5 -> {
        int bodyType = r.u16(HEADER);
        int size = r.i32(HEADER + 2);
        bodyOffset = HEADER + 6;
        bodyLength = size;
        require(
            (bodyType == 1 && size == SGX_REPORT && teeType == TEE_SGX)
                || (bodyType == 2 && size == TD_REPORT_10 && teeType == TEE_TDX)
                || (bodyType == 3 && size == TD_REPORT_15 && teeType == TEE_TDX),
            "unsupported version 5 body type " + bodyType + " of " + size + " bytes");
      }
      default -> throw new EvidenceException("unsupported DCAP quote version " + version);
    }
    signedLength = bodyOffset + bodyLength;
    int sigDataLength = r.i32(signedLength);
    int pos = signedLength + 4;
    require(
        sigDataLength >= 0 && (long) pos + sigDataLength <= raw.length,
        "the quote's signature data runs past its end");
    signature = r.bytes(pos, 64);
    attestationKey = r.bytes(pos + 64, 64);
    pos += 128;
    if (version == 3) {
      qeReport = r.bytes(pos, SGX_REPORT);
      qeReportSignature = r.bytes(pos + SGX_REPORT, 64);
      pos += SGX_REPORT + 64;
    } else {
      // From version 4 on, the QE report sits inside certification data of type 6.
      int outerType = r.u16(pos);
      int outerSize = r.i32(pos + 2);
      require(
          outerType == 6,
          "unsupported certification data type " + outerType + " (expected 6, QE report)");
      require(
          pos + 6L + outerSize == (long) signedLength + 4 + sigDataLength,
          "the QE report certification data does not end with the signature data");
      pos += 6;
      qeReport = r.bytes(pos, SGX_REPORT);
      qeReportSignature = r.bytes(pos + SGX_REPORT, 64);
      pos += SGX_REPORT + 64;
    }
    int authSize = r.u16(pos);
    qeAuthData = r.bytes(pos + 2, authSize);
    pos += 2 + authSize;
    certificationType = r.u16(pos);
    int certSize = r.i32(pos + 2);
    require(certSize >= 0, "negative certification data size");
    certificationData = r.bytes(pos + 6, certSize);
    require(
        pos + 6 + certSize == signedLength + 4 + sigDataLength,
        "the quote's signature data length does not match its contents");
  }

  private static void require(boolean condition, String message) throws EvidenceException {
    if (!condition) {
      throw new EvidenceException(message);
    }
  }

  /** Parses a quote; throws with the reason when it is malformed or of an unsupported kind. */
  public static Quote parse(byte[] data) throws EvidenceException {
    try {
      return new Quote(data.clone());
    } catch (TruncatedQuote e) {
      throw new EvidenceException(e.getMessage());
    }
  }

  /** Whether {@code data} starts like a DCAP quote of a supported version and TEE. */
  public static boolean looksLike(byte[] data) {
    if (data.length < HEADER + SGX_REPORT) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int version = b.getShort(0) & 0xffff;
    int keyType = b.getShort(2) & 0xffff;
    int tee = b.getInt(4);
    return version >= 3 && version <= 5 && keyType == 2 && (tee == TEE_SGX || tee == TEE_TDX);
  }

  public int version() {
    return version;
  }

  /** True for a TDX quote, false for SGX. */
  public boolean isTdx() {
    return teeType == TEE_TDX;
  }

  public int qeSvn() {
    return new Reader(raw).u16(8);
  }

  public int pceSvn() {
    return new Reader(raw).u16(10);
  }

  public byte[] qeVendorId() {
    return Arrays.copyOfRange(raw, 12, 28);
  }

  /** The bytes the attestation key signs: header and report body. */
  public byte[] signedBytes() {
    return Arrays.copyOf(raw, signedLength);
  }

  /** The enclave (SGX) or TD (TDX) report body. */
  public byte[] body() {
    return Arrays.copyOfRange(raw, bodyOffset, bodyOffset + bodyLength);
  }

  /** The quote signature, big-endian {@code r || s}. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The attestation public key, {@code x || y} (64 bytes). */
  public byte[] attestationKey() {
    return attestationKey.clone();
  }

  /** The Quoting Enclave's SGX report (384 bytes). */
  public byte[] qeReport() {
    return qeReport.clone();
  }

  public byte[] qeReportSignature() {
    return qeReportSignature.clone();
  }

  public byte[] qeAuthData() {
    return qeAuthData.clone();
  }

  /** 5 for a PEM PCK certificate chain, the only type verifiable offline. */
  public int certificationType() {
    return certificationType;
  }

  public byte[] certificationData() {
    return certificationData.clone();
  }

  /** Bounds-checked little-endian reads that fail with a clear message on truncated quotes. */
  private static final class Reader {
    private final byte[] raw;
    private final ByteBuffer le;

    Reader(byte[] raw) {
      this.raw = raw;
      this.le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    int u16(int at) {
      check(at, 2);
      return le.getShort(at) & 0xffff;
    }

    int i32(int at) {
      check(at, 4);
      return le.getInt(at);
    }

    byte[] bytes(int at, int length) {
      check(at, length);
      return Arrays.copyOfRange(raw, at, at + length);
    }

    private void check(int at, int length) {
      if (at < 0 || length < 0 || (long) at + length > raw.length) {
        throw new TruncatedQuote(at, length, raw.length);
      }
    }
  }

  /** A read past the end; turned into an {@link EvidenceException} by {@link #parse}. */
  static final class TruncatedQuote extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TruncatedQuote(int at, int length, int size) {
      super(
          "the quote is truncated: needs bytes " + at + ".." + ((long) at + length) + " of " + size,
          null,
          false,
          false);
    }
  }
}
