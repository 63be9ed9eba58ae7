package io.txnchain.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ByteCodecPropertyTest {

  /** One value of the codec: how to write it, and how to read it back and compare. */
  interface Value {
    void write(ByteWriter w);

    void readAndCheck(ByteReader r) throws WireFormatException;
  }

  record U8(int v) implements Value {
    public void write(ByteWriter w) {
      w.u8(v);
    }

    public void readAndCheck(ByteReader r) throws WireFormatException {
      assertThat(r.u8("u8")).isEqualTo(v);
    }
  }

  record Bool(boolean v) implements Value {
    public void write(ByteWriter w) {
      w.bool(v);
    }

    public void readAndCheck(ByteReader r) throws WireFormatException {
      assertThat(r.bool("bool")).isEqualTo(v);
    }
  }

  record U32(int v) implements Value {
    public void write(ByteWriter w) {
      w.u32(v);
    }

    public void readAndCheck(ByteReader r) throws WireFormatException {
      assertThat(r.u32("u32")).isEqualTo(v);
    }
  }

  record U64(long v) implements Value {
    public void write(ByteWriter w) {
      w.u64(v);
    }

    public void readAndCheck(ByteReader r) throws WireFormatException {
      assertThat(r.u64("u64")).isEqualTo(v);
    }
  }

  record Raw(byte[] v) implements Value {
    public void write(ByteWriter w) {
      w.raw(v);
    }

    public void readAndCheck(ByteReader r) throws WireFormatException {
      assertThat(r.raw(v.length, "raw")).isEqualTo(v);
    }
  }

  record Bytes(byte[] v) implements Value {
    public void write(ByteWriter w) {
      w.bytes(v);
    }

    public void readAndCheck(ByteReader r) throws WireFormatException {
      assertThat(r.bytes(Integer.MAX_VALUE, "bytes")).isEqualTo(v);
    }
  }

  record Str(String v) implements Value {
    public void write(ByteWriter w) {
      w.string(v);
    }

    public void readAndCheck(ByteReader r) throws WireFormatException {
      assertThat(r.string(Integer.MAX_VALUE, "string")).isEqualTo(v);
    }
  }

  @Provide
  Arbitrary<List<Value>> values() {
    Arbitrary<byte[]> blobs = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<String> text =
        Arbitraries.integers()
            .between(0, 0x10ffff)
            .filter(cp -> cp < 0xd800 || cp > 0xdfff)
            .list()
            .ofMaxSize(40)
            .map(cps -> new String(cps.stream().mapToInt(i -> i).toArray(), 0, cps.size()));
    Arbitrary<Value> value =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 255).map(U8::new),
            Arbitraries.of(true, false).map(Bool::new),
            Arbitraries.integers().map(U32::new),
            Arbitraries.longs().map(U64::new),
            blobs.map(Raw::new),
            blobs.map(Bytes::new),
            text.map(Str::new));
    return value.list().ofMinSize(1).ofMaxSize(30);
  }

  private static byte[] write(List<Value> values) {
    ByteWriter w = new ByteWriter(1);
    for (Value v : values) {
      v.write(w);
    }
    return w.toByteArray();
  }

  private static void readAll(byte[] encoded, List<Value> values) throws WireFormatException {
    ByteReader r = new ByteReader(encoded);
    for (Value v : values) {
      v.readAndCheck(r);
    }
    r.end("values");
  }

  @Property(tries = 500)
  void randomValuesRoundTrip(@ForAll("values") List<Value> values) throws WireFormatException {
    readAll(write(values), values);
  }

  @Property(tries = 300)
  void aTruncatedEncodingIsRefused(@ForAll("values") List<Value> values, @ForAll int cut) {
    byte[] encoded = write(values);
    if (encoded.length == 0) {
      return;
    }
    byte[] prefix = Arrays.copyOf(encoded, Math.floorMod(cut, encoded.length));
    assertThatThrownBy(() -> readAll(prefix, values)).isInstanceOf(WireFormatException.class);
  }

  @Property(tries = 300)
  void anExtendedEncodingIsRefused(@ForAll("values") List<Value> values, @ForAll byte extra) {
    byte[] encoded = Arrays.copyOf(write(values), write(values).length + 1);
    encoded[encoded.length - 1] = extra;
    assertThatThrownBy(() -> readAll(encoded, values))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("trailing");
  }
}
