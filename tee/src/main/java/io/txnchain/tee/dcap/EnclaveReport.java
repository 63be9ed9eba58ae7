package io.txnchain.tee.dcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** An SGX enclave report body (384 bytes): the application enclave's or the Quoting Enclave's. */
public record EnclaveReport(byte[] raw) {
  /** Attribute flag: the enclave runs in debug mode. */
  static final long FLAG_DEBUG = 0x02;

  public EnclaveReport {
    if (raw.length != Quote.SGX_REPORT) {
      throw new IllegalArgumentException("an SGX report body is 384 bytes");
    }
    raw = raw.clone();
  }

  private byte[] bytes(int offset, int length) {
    return Arrays.copyOfRange(raw, offset, offset + length);
  }

  private ByteBuffer le() {
    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
  }

  public byte[] cpuSvn() {
    return bytes(0, 16);
  }

  public long miscSelect() {
    return Integer.toUnsignedLong(le().getInt(16));
  }

  /** The 16 attribute bytes: flags (8, little-endian) then XFRM (8). */
  public byte[] attributes() {
    return bytes(48, 16);
  }

  public long flags() {
    return le().getLong(48);
  }

  public long xfrm() {
    return le().getLong(56);
  }

  public byte[] mrEnclave() {
    return bytes(64, 32);
  }

  public byte[] mrSigner() {
    return bytes(128, 32);
  }

  public int isvProdId() {
    return le().getShort(256) & 0xffff;
  }

  public int isvSvn() {
    return le().getShort(258) & 0xffff;
  }

  public byte[] reportData() {
    return bytes(320, 64);
  }

  public boolean debug() {
    return (flags() & FLAG_DEBUG) != 0;
  }
}
