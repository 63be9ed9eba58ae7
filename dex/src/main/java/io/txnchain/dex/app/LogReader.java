package io.txnchain.dex.app;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link LogWriter} wrote. The log is the enclave's own sealed state, so a malformed
 * entry means corruption: it is an {@link IllegalStateException}, never a rejection.
 */
final class LogReader {
  private final byte[] buf;
  private int pos;

  LogReader(byte[] buf) {
    this.buf = buf;
  }

  private void need(int n) {
    if (n < 0 || buf.length - pos < n) {
      throw new IllegalStateException("dex: a command log entry is truncated");
    }
  }

  int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  long u64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  byte[] raw(int n) {
    need(n);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  byte[] bytes() {
    need(4);
    int n =
        ((buf[pos] & 0xff) << 24)
            | ((buf[pos + 1] & 0xff) << 16)
            | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
    pos += 4;
    return raw(n);
  }

  String string() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  boolean bool() {
    int b = u8();
    if (b > 1) {
      throw new IllegalStateException("dex: a command log entry has a bad boolean");
    }
    return b == 1;
  }

  void end() {
    if (pos != buf.length) {
      throw new IllegalStateException("dex: a command log entry has trailing bytes");
    }
  }
}
