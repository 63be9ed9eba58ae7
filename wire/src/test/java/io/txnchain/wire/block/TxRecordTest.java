package io.txnchain.wire.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxRecordTest {
  private static final Secp256k1KeyPair KEY = Secp256k1KeyPair.fromPrivateKey(filled(32, 0x21));

  static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Transaction tx() {
    return Transaction.sign(
        new Transaction.Unsigned(
            "chain-1", TxKind.WORK_ORDER, "w1", "kv", new byte[0], false, utf8("{}"), new byte[0]),
        KEY);
  }

  static TxRecord withEvents() {
    byte[] output = utf8("{\"ok\":true}");
    return new TxRecord(
        tx(),
        TxStatus.OK,
        "",
        "",
        output,
        Hashes.sha256(output),
        false,
        List.of(
            new Event("kv", "put", utf8("k")),
            new Event("kv", "bin", new byte[] {0, (byte) 0xff}),
            new Event("kv", "empty", new byte[0])));
  }

  private static void assertSame(TxRecord a, TxRecord b) {
    assertThat(b.tx().encoded()).isEqualTo(a.tx().encoded());
    assertThat(b.status()).isEqualTo(a.status());
    assertThat(b.errorCode()).isEqualTo(a.errorCode());
    assertThat(b.errorMessage()).isEqualTo(a.errorMessage());
    assertThat(b.output()).isEqualTo(a.output());
    assertThat(b.outputHash()).isEqualTo(a.outputHash());
    assertThat(b.outputSealed()).isEqualTo(a.outputSealed());
    assertThat(b.events()).hasSameSizeAs(a.events());
    for (int i = 0; i < a.events().size(); i++) {
      assertThat(b.events().get(i).app()).isEqualTo(a.events().get(i).app());
      assertThat(b.events().get(i).type()).isEqualTo(a.events().get(i).type());
      assertThat(b.events().get(i).data()).isEqualTo(a.events().get(i).data());
    }
  }

  @Test
  void aRecordWithEventsRoundTrips() throws Exception {
    TxRecord r = withEvents();
    TxRecord back = TxRecord.decode(r.encode());
    assertSame(r, back);
    assertThat(back.events()).extracting(Event::type).containsExactly("put", "bin", "empty");
    assertThat(back.encode()).isEqualTo(r.encode());
    assertThat(back.tx().verifySignature()).isTrue();
  }

  @Test
  void aFailedSealedRecordWithoutEventsRoundTrips() throws Exception {
    TxRecord r =
        new TxRecord(
            tx(),
            TxStatus.FAILED,
            "not_owner",
            "the key belongs to another account",
            filled(80, 9),
            new byte[0],
            true,
            List.of());
    TxRecord back = TxRecord.decode(r.encode());
    assertSame(r, back);
    assertThat(back.status()).isEqualTo(TxStatus.FAILED);
    assertThat(back.events()).isEmpty();
  }

  /** The fields after the transaction, written by hand. */
  private static byte[] record(
      int status, String errorCode, byte[] outputHash, int sealed, int eventCount) {
    return new ByteWriter()
        .bytes(tx().encoded())
        .u8(status)
        .string(errorCode)
        .string("")
        .bytes(new byte[0])
        .bytes(outputHash)
        .u8(sealed)
        .u32(eventCount)
        .toByteArray();
  }

  @Test
  void theHandWrittenLayoutDecodes() throws Exception {
    assertThat(TxRecord.decode(record(0, "", new byte[0], 0, 0)).status()).isEqualTo(TxStatus.OK);
  }

  @Test
  void unknownStatusesAreRefused() {
    assertThatThrownBy(() -> TxRecord.decode(record(2, "", new byte[0], 0, 0)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("unknown transaction status 2");
  }

  @Test
  void badFieldLengthsAreRefused() {
    assertThatThrownBy(() -> TxRecord.decode(record(0, "e".repeat(65), new byte[0], 0, 0)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("errorCode");
    assertThatThrownBy(() -> TxRecord.decode(record(0, "", new byte[16], 0, 0)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("outputHash");
    assertThatThrownBy(() -> TxRecord.decode(record(0, "", new byte[0], 2, 0)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("outputSealed");
  }

  @Test
  void eventCountsAreBounded() {
    assertThatThrownBy(() -> TxRecord.decode(record(0, "", new byte[0], 0, -1)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("too many events");
    assertThatThrownBy(
            () -> TxRecord.decode(record(0, "", new byte[0], 0, TxRecord.MAX_EVENTS + 1)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("too many events");
    // A count within the bound but with no events behind it is truncated input.
    assertThatThrownBy(() -> TxRecord.decode(record(0, "", new byte[0], 0, 3)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void truncatedTrailingAndCorruptRecordsAreRefused() {
    byte[] encoded = withEvents().encode();
    for (int length = 0; length < encoded.length; length++) {
      byte[] prefix = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> TxRecord.decode(prefix))
          .as("length %d", length)
          .isInstanceOf(WireFormatException.class);
    }
    assertThatThrownBy(() -> TxRecord.decode(Arrays.copyOf(encoded, encoded.length + 1)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("trailing bytes after transaction record");
    byte[] badTx = encoded.clone();
    badTx[4] = 9; // the transaction's version byte
    assertThatThrownBy(() -> TxRecord.decode(badTx))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("transaction version");
  }

  @Test
  void everyFlippedByteDecodesDifferentlyOrNotAtAll() throws Exception {
    byte[] encoded = withEvents().encode();
    for (int i = 0; i < encoded.length; i++) {
      byte[] bad = encoded.clone();
      bad[i] ^= 0x01;
      try {
        TxRecord r = TxRecord.decode(bad);
        assertThat(r.encode()).as("byte %d", i).isEqualTo(bad);
      } catch (WireFormatException e) {
        // refused: fine
      }
    }
  }
}
