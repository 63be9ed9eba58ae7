package io.txnchain.wire.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link ByteWriter} writes, checking every length against the remaining input and a
 * caller-given maximum, so hostile input cannot make it allocate or read out of bounds.
 */
public final class ByteReader {
  private final byte[] buf;
  private int pos;

  public ByteReader(byte[] buf) {
    this.buf = buf;
  }

  private void need(int n, String what) throws WireFormatException {
    if (n < 0 || buf.length - pos < n) {
      throw new WireFormatException("truncated input reading " + what);
    }
  }

  public int u8(String what) throws WireFormatException {
    need(1, what);
    return buf[pos++] & 0xff;
  }

  public boolean bool(String what) throws WireFormatException {
    int v = u8(what);
    if (v > 1) {
      throw new WireFormatException(what + " must be 0 or 1");
    }
    return v == 1;
  }

  public int u32(String what) throws WireFormatException {
    need(4, what);
    int v =
        ((buf[pos] & 0xff) << 24)
            | ((buf[pos + 1] & 0xff) << 16)
            | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  public long u64(String what) throws WireFormatException {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  public byte[] raw(int n, String what) throws WireFormatException {
    need(n, what);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** A length-prefixed byte string of at most {@code max} bytes. */
  public byte[] bytes(int max, String what) throws WireFormatException {
    int n = u32(what);
    if (n < 0 || n > max) {
      throw new WireFormatException(what + " is longer than " + max + " bytes");
    }
    return raw(n, what);
  }

  /** A length-prefixed byte string that must be exactly {@code n} or 0 bytes long. */
  public byte[] fixedOrEmpty(int n, String what) throws WireFormatException {
    byte[] b = bytes(n, what);
    if (b.length != 0 && b.length != n) {
      throw new WireFormatException(what + " must be " + n + " bytes or empty");
    }
    return b;
  }

  /** A length-prefixed, well-formed UTF-8 string of at most {@code max} bytes. */
  public String string(int max, String what) throws WireFormatException {
    byte[] b = bytes(max, what);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WireFormatException(what + " is not valid UTF-8");
    }
  }

  /** True while input bytes are left, for a format whose later fields are optional. */
  public boolean hasRemaining() {
    return pos < buf.length;
  }

  /** Fails unless every input byte was consumed: trailing bytes would give two encodings. */
  public void end(String what) throws WireFormatException {
    if (pos != buf.length) {
      throw new WireFormatException((buf.length - pos) + " trailing bytes after " + what);
    }
  }
}
