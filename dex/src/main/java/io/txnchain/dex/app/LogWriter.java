package io.txnchain.dex.app;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Big-endian fixed-width integers, raw bytes and length-prefixed strings, for log entries. */
final class LogWriter {
  private byte[] buf = new byte[128];
  private int size;

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  LogWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  LogWriter u64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[size + i] = (byte) v;
      v >>>= 8;
    }
    size += 8;
    return this;
  }

  LogWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** A length ({@code u32}) and the bytes. */
  LogWriter bytes(byte[] bytes) {
    ensure(4);
    int n = bytes.length;
    buf[size++] = (byte) (n >>> 24);
    buf[size++] = (byte) (n >>> 16);
    buf[size++] = (byte) (n >>> 8);
    buf[size++] = (byte) n;
    return raw(bytes);
  }

  LogWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
