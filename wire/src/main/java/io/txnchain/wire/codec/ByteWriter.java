package io.txnchain.wire.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the canonical binary encoding used for everything that is hashed or signed: big-endian
 * fixed-width integers, and byte strings and UTF-8 strings prefixed by their length as a 32-bit
 * integer. One value has exactly one encoding.
 */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  public ByteWriter() {
    this(128);
  }

  public ByteWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public ByteWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public ByteWriter u32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteWriter u64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Raw bytes without a length prefix: for fixed-size fields. */
  public ByteWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** A length-prefixed byte string. */
  public ByteWriter bytes(byte[] bytes) {
    u32(bytes.length);
    return raw(bytes);
  }

  /** A length-prefixed UTF-8 string. */
  public ByteWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
