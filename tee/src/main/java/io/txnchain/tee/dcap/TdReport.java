package io.txnchain.tee.dcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A TDX TD report body as quoted: TDX 1.0 (584 bytes) or TDX 1.5 (648 bytes). */
public record TdReport(byte[] raw) {
  /** TD attribute: the TD is debuggable (its memory is readable by the host). */
  static final long ATTR_DEBUG = 0x01;

  public TdReport {
    if (raw.length != Quote.TD_REPORT_10 && raw.length != Quote.TD_REPORT_15) {
      throw new IllegalArgumentException("a TD report body is 584 or 648 bytes");
    }
    raw = raw.clone();
  }

  private byte[] bytes(int offset, int length) {
    return Arrays.copyOfRange(raw, offset, offset + length);
  }

  private long u64(int offset) {
    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
  }

  public byte[] teeTcbSvn() {
    return bytes(0, 16);
  }

  public byte[] mrSeam() {
    return bytes(16, 48);
  }

  public byte[] mrSignerSeam() {
    return bytes(64, 48);
  }

  public long seamAttributes() {
    return u64(112);
  }

  public long tdAttributes() {
    return u64(120);
  }

  public long xfam() {
    return u64(128);
  }

  public byte[] mrTd() {
    return bytes(136, 48);
  }

  public byte[] mrConfigId() {
    return bytes(184, 48);
  }

  public byte[] mrOwner() {
    return bytes(232, 48);
  }

  public byte[] mrOwnerConfig() {
    return bytes(280, 48);
  }

  /** Runtime measurement register {@code i} (0..3). */
  public byte[] rtmr(int i) {
    return bytes(328 + 48 * i, 48);
  }

  public byte[] reportData() {
    return bytes(520, 64);
  }

  /** TDX 1.5 only: the second TEE TCB SVN; null on TDX 1.0. */
  public byte[] teeTcbSvn2() {
    return raw.length == Quote.TD_REPORT_15 ? bytes(584, 16) : null;
  }

  public boolean debug() {
    return (tdAttributes() & ATTR_DEBUG) != 0;
  }
}
