package io.txnchain.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class ByteCodecTest {

  @Test
  void encodingIsBigEndianWithLengthPrefixes() {
    byte[] out =
        new ByteWriter()
            .u8(0xab)
            .bool(true)
            .bool(false)
            .u32(0x01020304)
            .u64(0x0102030405060708L)
            .raw(new byte[] {9, 9})
            .bytes(new byte[] {7})
            .string("é")
            .toByteArray();
    assertThat(Hex.toHexString(out))
        .isEqualTo(
            "ab"
                + "01"
                + "00"
                + "01020304"
                + "0102030405060708"
                + "0909"
                + "0000000107"
                + "00000002c3a9");
  }

  @Test
  void everyTypeRoundTrips() throws Exception {
    byte[] big = new byte[1000];
    Arrays.fill(big, (byte) 0x5a);
    ByteWriter w = new ByteWriter(1);
    w.u8(0).u8(255).bool(true).bool(false);
    w.u32(0).u32(Integer.MAX_VALUE).u32(Integer.MIN_VALUE).u32(-1);
    w.u64(0).u64(Long.MAX_VALUE).u64(Long.MIN_VALUE).u64(-1);
    w.raw(new byte[] {1, 2, 3}).raw(new byte[0]);
    w.bytes(new byte[0]).bytes(big);
    w.string("").string("ascii").string("Grüße, 世界 \uD83D\uDE00");
    w.bytes(new byte[0]).bytes(new byte[32]);
    byte[] encoded = w.toByteArray();
    assertThat(w.size()).isEqualTo(encoded.length);

    ByteReader r = new ByteReader(encoded);
    assertThat(r.u8("a")).isZero();
    assertThat(r.u8("b")).isEqualTo(255);
    assertThat(r.bool("c")).isTrue();
    assertThat(r.bool("d")).isFalse();
    assertThat(r.u32("e")).isZero();
    assertThat(r.u32("f")).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.u32("g")).isEqualTo(Integer.MIN_VALUE);
    assertThat(r.u32("h")).isEqualTo(-1);
    assertThat(r.u64("i")).isZero();
    assertThat(r.u64("j")).isEqualTo(Long.MAX_VALUE);
    assertThat(r.u64("k")).isEqualTo(Long.MIN_VALUE);
    assertThat(r.u64("l")).isEqualTo(-1L);
    assertThat(r.raw(3, "m")).containsExactly(1, 2, 3);
    assertThat(r.raw(0, "n")).isEmpty();
    assertThat(r.bytes(0, "o")).isEmpty();
    assertThat(r.bytes(1000, "p")).isEqualTo(big);
    assertThat(r.string(0, "q")).isEmpty();
    assertThat(r.string(5, "r")).isEqualTo("ascii");
    assertThat(r.string(100, "s")).isEqualTo("Grüße, 世界 \uD83D\uDE00");
    assertThat(r.fixedOrEmpty(32, "t")).isEmpty();
    assertThat(r.fixedOrEmpty(32, "u")).hasSize(32);
    r.end("everything");
  }

  @Test
  void truncatedInputIsRefusedByEveryReader() {
    assertTruncated(new byte[0], r -> r.u8("x"));
    assertTruncated(new byte[0], r -> r.bool("x"));
    assertTruncated(new byte[3], r -> r.u32("x"));
    assertTruncated(new byte[7], r -> r.u64("x"));
    assertTruncated(new byte[2], r -> r.raw(3, "x"));
    assertTruncated(new byte[] {0, 0, 0}, r -> r.bytes(10, "x"));
    assertTruncated(new byte[] {0, 0, 0, 4, 1, 2, 3}, r -> r.bytes(10, "x"));
    assertTruncated(new byte[] {0, 0, 0, 2, 'a'}, r -> r.string(10, "x"));
    assertTruncated(new byte[] {0, 0, 0, 32, 1}, r -> r.fixedOrEmpty(32, "x"));
  }

  @Test
  void negativeRawLengthIsRefused() {
    assertThatThrownBy(() -> new ByteReader(new byte[4]).raw(-1, "x"))
        .isInstanceOf(WireFormatException.class);
  }

  @Test
  void lengthsOverTheMaximumAreRefusedBeforeReading() {
    byte[] four = new ByteWriter().bytes(new byte[4]).toByteArray();
    assertThatThrownBy(() -> new ByteReader(four).bytes(3, "blob"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("blob is longer than 3 bytes");
    byte[] text = new ByteWriter().string("abcd").toByteArray();
    assertThatThrownBy(() -> new ByteReader(text).string(3, "name"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("longer than 3");
    // A huge declared length with no data must fail on the maximum, not try to allocate.
    byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> new ByteReader(huge).bytes(1 << 20, "blob"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> new ByteReader(huge).bytes(Integer.MAX_VALUE, "blob"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void negativeLengthsAreRefused() {
    byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    assertThatThrownBy(() -> new ByteReader(negative).bytes(Integer.MAX_VALUE, "blob"))
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> new ByteReader(negative).string(Integer.MAX_VALUE, "s"))
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> new ByteReader(negative).fixedOrEmpty(32, "f"))
        .isInstanceOf(WireFormatException.class);
    byte[] minInt = {(byte) 0x80, 0, 0, 0};
    assertThatThrownBy(() -> new ByteReader(minInt).bytes(Integer.MAX_VALUE, "blob"))
        .isInstanceOf(WireFormatException.class);
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[][] invalid = {
      {(byte) 0xc3, 0x28}, // bad continuation
      {(byte) 0xc0, (byte) 0x80}, // overlong NUL
      {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong '/'
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // UTF-16 surrogate
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xff},
      {(byte) 0xe2, (byte) 0x82} // truncated sequence
    };
    for (byte[] b : invalid) {
      byte[] encoded = new ByteWriter().bytes(b).toByteArray();
      assertThatThrownBy(() -> new ByteReader(encoded).string(100, "name"))
          .as(Hex.toHexString(b))
          .isInstanceOf(WireFormatException.class)
          .hasMessage("name is not valid UTF-8");
    }
  }

  @Test
  void booleansOtherThanZeroOrOneAreRefused() {
    for (int v : new int[] {2, 0x80, 0xff}) {
      assertThatThrownBy(() -> new ByteReader(new byte[] {(byte) v}).bool("flag"))
          .isInstanceOf(WireFormatException.class)
          .hasMessage("flag must be 0 or 1");
    }
  }

  @Test
  void fixedOrEmptyRefusesOtherLengths() {
    for (int n : new int[] {1, 31, 33}) {
      byte[] encoded = new ByteWriter().bytes(new byte[n]).toByteArray();
      assertThatThrownBy(() -> new ByteReader(encoded).fixedOrEmpty(32, "hash"))
          .as("length %d", n)
          .isInstanceOf(WireFormatException.class);
    }
  }

  @Test
  void trailingBytesAreRefused() throws Exception {
    byte[] encoded = new ByteWriter().u32(5).u8(1).toByteArray();
    ByteReader r = new ByteReader(encoded);
    r.u32("n");
    assertThatThrownBy(() -> r.end("thing"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("1 trailing bytes after thing");
    r.u8("last");
    r.end("thing");
  }

  @Test
  void theWriterGrowsPastItsInitialCapacity() {
    ByteWriter w = new ByteWriter(0);
    byte[] chunk = "0123456789".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 1000; i++) {
      w.raw(chunk);
    }
    w.bytes(new byte[100_000]);
    byte[] out = w.toByteArray();
    assertThat(out).hasSize(10_000 + 4 + 100_000);
    assertThat(Arrays.copyOfRange(out, 9_990, 10_000)).isEqualTo(chunk);
  }

  private interface Read {
    void apply(ByteReader r) throws WireFormatException;
  }

  private static void assertTruncated(byte[] input, Read read) {
    assertThatThrownBy(() -> read.apply(new ByteReader(input)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("truncated input reading x");
  }
}
