package io.txnchain.wire.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class TransactionTest {
  static final Secp256k1KeyPair ALICE = key(1);
  static final Secp256k1KeyPair BOB = key(2);
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  static Secp256k1KeyPair key(int n) {
    byte[] priv = new byte[32];
    Arrays.fill(priv, (byte) (0x10 + n));
    return Secp256k1KeyPair.fromPrivateKey(priv);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  static Transaction.Unsigned data(String chain, String clientId, byte[] payload) {
    return new Transaction.Unsigned(
        chain, TxKind.DATA, clientId, "", new byte[0], false, payload, new byte[0]);
  }

  static Transaction.Unsigned full() {
    return new Transaction.Unsigned(
        "chain-1",
        TxKind.WORK_ORDER,
        "order-7",
        "kv",
        filled(32, 0xaa),
        true,
        utf8("sealed box bytes"),
        filled(32, 0xbb));
  }

  /** An encoding built field by field, to produce what {@link Transaction#sign} never would. */
  static byte[] rawTx(
      int version,
      String chain,
      int kind,
      String clientId,
      byte[] sender,
      String app,
      byte[] measurement,
      int sealed,
      byte[] payload,
      byte[] replyKey,
      byte[] signature) {
    return new ByteWriter()
        .u8(version)
        .string(chain)
        .u8(kind)
        .string(clientId)
        .raw(sender)
        .string(app)
        .bytes(measurement)
        .u8(sealed)
        .bytes(payload)
        .bytes(replyKey)
        .raw(signature)
        .toByteArray();
  }

  static byte[] rawTx(String clientId, int kind, String app) {
    return rawTx(
        1,
        "c",
        kind,
        clientId,
        ALICE.publicKeyCompressed(),
        app,
        new byte[0],
        0,
        new byte[0],
        new byte[0],
        new byte[65]);
  }

  @Test
  void signEncodeDecodeKeepsEveryField() throws Exception {
    Transaction tx = Transaction.sign(full(), ALICE);
    Transaction back = Transaction.decode(tx.encoded());
    for (Transaction t : new Transaction[] {tx, back}) {
      assertThat(t.chainId()).isEqualTo("chain-1");
      assertThat(t.kind()).isEqualTo(TxKind.WORK_ORDER);
      assertThat(t.clientId()).isEqualTo("order-7");
      assertThat(t.sender()).isEqualTo(ALICE.publicKeyCompressed());
      assertThat(t.senderAddress()).isEqualTo(ALICE.address());
      assertThat(t.app()).isEqualTo("kv");
      assertThat(t.appMeasurement()).isEqualTo(filled(32, 0xaa));
      assertThat(t.sealed()).isTrue();
      assertThat(t.payload()).isEqualTo(utf8("sealed box bytes"));
      assertThat(t.replyKey()).isEqualTo(filled(32, 0xbb));
      assertThat(t.signature()).hasSize(65);
      assertThat(t.verifySignature()).isTrue();
    }
    assertThat(back.signature()).isEqualTo(tx.signature());
    assertThat(back.encoded()).isEqualTo(tx.encoded());
    assertThat(back.id()).isEqualTo(tx.id());
  }

  @Test
  void aMinimalDataTransactionRoundTrips() throws Exception {
    Transaction tx = Transaction.sign(data("c", "1", new byte[0]), BOB);
    Transaction back = Transaction.decode(tx.encoded());
    assertThat(back.kind()).isEqualTo(TxKind.DATA);
    assertThat(back.app()).isEmpty();
    assertThat(back.appMeasurement()).isEmpty();
    assertThat(back.sealed()).isFalse();
    assertThat(back.payload()).isEmpty();
    assertThat(back.replyKey()).isEmpty();
    assertThat(back.verifySignature()).isTrue();
  }

  @Test
  void signingIsDeterministic() {
    assertThat(Transaction.sign(full(), ALICE).encoded())
        .isEqualTo(Transaction.sign(full(), ALICE).encoded());
  }

  @Test
  void theSignatureIsAPersonalSignOverTheSha256OfTheSigningBytes() throws Exception {
    Transaction tx = Transaction.sign(full(), ALICE);
    byte[] encoded = tx.encoded();
    byte[] signingBytes = Arrays.copyOf(encoded, encoded.length - 65);
    byte[] prefix = "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);
    assertThat(prefix).hasSize(28).startsWith(0x19);
    byte[] digest = Hashes.keccak256(prefix, Hashes.sha256(signingBytes));

    byte[] sig = tx.signature();
    assertThat(sig[64] & 0xff).isIn(27, 28);
    EcdsaSignature parsed = EcdsaSignature.fromBytes65(sig);
    assertThat(parsed.isLowS()).isTrue();
    byte[] recovered = Secp256k1.recoverPublicKey(digest, parsed);
    assertThat(recovered).isEqualTo(ALICE.publicKeyUncompressed());
    assertThat(EthAddress.fromPublicKey(recovered)).isEqualTo(tx.senderAddress());
    assertThat(Secp256k1.verify(ALICE.publicKeyCompressed(), digest, parsed)).isTrue();
    // The digest a wallet signs is not the plain keccak or SHA-256 of the signing bytes.
    assertThat(Secp256k1.verify(ALICE.publicKeyCompressed(), Hashes.sha256(signingBytes), parsed))
        .isFalse();
  }

  @Test
  void theEncodingIsTheSigningBytesThenTheSignature() {
    Transaction tx = Transaction.sign(data("ch", "id", new byte[] {5}), ALICE);
    byte[] expected =
        rawTx(
            1,
            "ch",
            1,
            "id",
            ALICE.publicKeyCompressed(),
            "",
            new byte[0],
            0,
            new byte[] {5},
            new byte[0],
            tx.signature());
    assertThat(tx.encoded()).isEqualTo(expected);
  }

  @Test
  void flippingAnyByteBreaksDecodingOrTheSignature() {
    Transaction tx = Transaction.sign(data("c", "x", utf8("hi")), ALICE);
    byte[] encoded = tx.encoded();
    for (int i = 0; i < encoded.length; i++) {
      for (int mask : new int[] {0x01, 0x02, 0x40, 0x80, 0xff}) {
        byte[] bad = encoded.clone();
        bad[i] ^= (byte) mask;
        Transaction decoded;
        try {
          decoded = Transaction.decode(bad);
        } catch (WireFormatException e) {
          continue;
        }
        assertThat(decoded.verifySignature()).as("byte %d mask %x", i, mask).isFalse();
      }
    }
  }

  @Test
  void theOtherRecoveryIdIsRefused() throws Exception {
    Transaction tx = Transaction.sign(data("c", "x", utf8("hi")), ALICE);
    byte[] bad = tx.encoded().clone();
    bad[bad.length - 1] = (byte) (bad[bad.length - 1] == 27 ? 28 : 27);
    assertThat(Transaction.decode(bad).verifySignature()).isFalse();
  }

  @Test
  void aSignatureUnderAnotherSenderIsRefused() throws Exception {
    Transaction tx = Transaction.sign(data("c", "x", utf8("hi")), ALICE);
    byte[] encoded = tx.encoded().clone();
    int senderAt = 1 + 4 + 1 + 1 + 4 + 1;
    assertThat(Arrays.copyOfRange(encoded, senderAt, senderAt + 33))
        .isEqualTo(ALICE.publicKeyCompressed());
    System.arraycopy(BOB.publicKeyCompressed(), 0, encoded, senderAt, 33);
    Transaction swapped = Transaction.decode(encoded);
    assertThat(swapped.senderAddress()).isEqualTo(BOB.address());
    assertThat(swapped.verifySignature()).isFalse();
    assertThat(swapped.id()).isNotEqualTo(tx.id());
  }

  @Test
  void theHighSFormOfAValidSignatureIsRefused() throws Exception {
    Transaction tx = Transaction.sign(data("c", "x", utf8("hi")), ALICE);
    byte[] encoded = tx.encoded().clone();
    int at = encoded.length - 65;
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(encoded, at + 32, at + 64));
    byte[] highS = toBytes32(N.subtract(s));
    System.arraycopy(highS, 0, encoded, at + 32, 32);
    encoded[at + 64] = (byte) (encoded[at + 64] == 27 ? 28 : 27);
    Transaction malleated = Transaction.decode(encoded);
    assertThat(malleated.verifySignature()).isFalse();
  }

  private static byte[] toBytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  @Test
  void theIdDependsOnChainSenderAndClientIdOnly() {
    String id = Transaction.sign(data("c", "x", utf8("one")), ALICE).id();
    assertThat(id).matches("0x[0-9a-f]{64}");
    assertThat(id).isEqualTo(Transaction.idOf("c", ALICE.address(), "x"));
    assertThat(Transaction.sign(full(), ALICE).id())
        .isEqualTo(Transaction.idOf("chain-1", ALICE.address(), "order-7"));
    Transaction.Unsigned differentContent =
        new Transaction.Unsigned(
            "c", TxKind.WORK_ORDER, "x", "kv", filled(32, 1), true, utf8("two"), filled(32, 2));
    assertThat(Transaction.sign(differentContent, ALICE).id()).isEqualTo(id);

    assertThat(Transaction.sign(data("c", "y", utf8("one")), ALICE).id()).isNotEqualTo(id);
    assertThat(Transaction.sign(data("d", "x", utf8("one")), ALICE).id()).isNotEqualTo(id);
    assertThat(Transaction.sign(data("c", "x", utf8("one")), BOB).id()).isNotEqualTo(id);
    // Fields are length-prefixed: moving a character between chain and client id changes the id.
    assertThat(Transaction.idOf("ab", ALICE.address(), "c"))
        .isNotEqualTo(Transaction.idOf("a", ALICE.address(), "bc"));
  }

  @Test
  void anEmptyClientIdIsRefused() {
    assertThatThrownBy(() -> Transaction.decode(rawTx("", 1, "")))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("clientId");
  }

  @Test
  void aWorkOrderWithoutAppIsRefused() throws Exception {
    assertThatThrownBy(() -> Transaction.decode(rawTx("x", 2, "")))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("must name an app");
    assertThat(Transaction.decode(rawTx("x", 2, "kv")).app()).isEqualTo("kv");
  }

  @Test
  void unknownKindsAndVersionsAreRefused() {
    for (int kind : new int[] {0, 3, 255}) {
      assertThatThrownBy(() -> Transaction.decode(rawTx("x", kind, "kv")))
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining("unknown transaction kind " + kind);
    }
    for (int version : new int[] {0, 2, 255}) {
      byte[] bad = rawTx("x", 1, "");
      bad[0] = (byte) version;
      assertThatThrownBy(() -> Transaction.decode(bad))
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining("unsupported transaction version " + version);
    }
  }

  @Test
  void senderMustBeACompressedCurvePoint() {
    byte[] uncompressedPrefix = ALICE.publicKeyCompressed();
    uncompressedPrefix[0] = 4;
    byte[] notOnCurve = new byte[33];
    notOnCurve[0] = 2;
    notOnCurve[32] = 5; // x = 5: 5^3 + 7 = 132 is not a square mod p
    for (byte[] sender : new byte[][] {uncompressedPrefix, notOnCurve, new byte[33]}) {
      byte[] encoded =
          rawTx(1, "c", 1, "x", sender, "", new byte[0], 0, new byte[0], new byte[0], new byte[65]);
      assertThatThrownBy(() -> Transaction.decode(encoded))
          .as(Hex.toHexString(sender))
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining("sender");
    }
  }

  @Test
  void fixedSizeFieldsMustHaveTheirSize() {
    byte[] sender = ALICE.publicKeyCompressed();
    assertThatThrownBy(
            () ->
                Transaction.decode(
                    rawTx(
                        1,
                        "c",
                        1,
                        "x",
                        sender,
                        "",
                        new byte[31],
                        0,
                        new byte[0],
                        new byte[0],
                        new byte[65])))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("appMeasurement");
    assertThatThrownBy(
            () ->
                Transaction.decode(
                    rawTx(
                        1,
                        "c",
                        1,
                        "x",
                        sender,
                        "",
                        new byte[0],
                        0,
                        new byte[0],
                        new byte[33],
                        new byte[65])))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("replyKey");
    assertThatThrownBy(
            () ->
                Transaction.decode(
                    rawTx(
                        1,
                        "c",
                        1,
                        "x",
                        sender,
                        "",
                        new byte[0],
                        2,
                        new byte[0],
                        new byte[0],
                        new byte[65])))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("sealed");
  }

  @Test
  void stringLimitsAreEnforced() {
    byte[] sender = ALICE.publicKeyCompressed();
    String long65 = "a".repeat(65);
    String[][] cases = {{long65, "x", ""}, {"c", long65, ""}, {"c", "x", long65}};
    for (String[] c : cases) {
      byte[] encoded =
          rawTx(
              1,
              c[0],
              1,
              c[1],
              sender,
              c[2],
              new byte[0],
              0,
              new byte[0],
              new byte[0],
              new byte[65]);
      assertThatThrownBy(() -> Transaction.decode(encoded))
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining("longer than 64 bytes");
    }
    // 64 bytes of multi-byte characters are within the limit; 66 bytes are not.
    assertThat(Transaction.sign(data("é".repeat(32), "x", new byte[0]), ALICE).chainId())
        .hasSize(32);
    assertThatThrownBy(() -> Transaction.sign(data("é".repeat(33), "x", new byte[0]), ALICE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatedAndExtendedEncodingsAreRefused() {
    byte[] encoded = Transaction.sign(full(), ALICE).encoded();
    for (int length = 0; length < encoded.length; length++) {
      byte[] prefix = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> Transaction.decode(prefix))
          .as("length %d", length)
          .isInstanceOf(WireFormatException.class);
    }
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> Transaction.decode(longer))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void thePayloadLimitIsEnforced() throws Exception {
    byte[] max = new byte[Transaction.MAX_PAYLOAD];
    max[max.length - 1] = 1;
    Transaction big = Transaction.sign(data("c", "big", max), ALICE);
    Transaction back = Transaction.decode(big.encoded());
    assertThat(back.payload()).hasSize(Transaction.MAX_PAYLOAD);
    assertThat(back.verifySignature()).isTrue();

    assertThatThrownBy(
            () -> Transaction.sign(data("c", "big", new byte[Transaction.MAX_PAYLOAD + 1]), ALICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload");
    // The declared length alone is enough to refuse an oversized payload.
    byte[] header =
        new ByteWriter()
            .u8(1)
            .string("c")
            .u8(1)
            .string("x")
            .raw(ALICE.publicKeyCompressed())
            .string("")
            .bytes(new byte[0])
            .bool(false)
            .u32(Transaction.MAX_PAYLOAD + 1)
            .toByteArray();
    assertThatThrownBy(() -> Transaction.decode(header))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("payload is longer than " + Transaction.MAX_PAYLOAD);
  }

  @Test
  void signRefusesWhatDecodeWouldRefuse() {
    assertThatThrownBy(() -> Transaction.sign(data("c", "", new byte[0]), ALICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientId");
    assertThatThrownBy(
            () ->
                Transaction.sign(
                    new Transaction.Unsigned(
                        "c",
                        TxKind.WORK_ORDER,
                        "x",
                        "",
                        new byte[0],
                        false,
                        new byte[0],
                        new byte[0]),
                    ALICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app");
    assertThatThrownBy(
            () ->
                Transaction.sign(
                    new Transaction.Unsigned(
                        "c", TxKind.DATA, "x", "", new byte[0], false, new byte[0], new byte[16]),
                    ALICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replyKey");
  }

  @Test
  void helperEncodingsAreStable() {
    assertThat(Transaction.payloadInfo("c"))
        .isEqualTo(new ByteWriter().raw(utf8("txnchain/tx-payload/v1")).string("c").toByteArray());
    assertThat(Transaction.resultInfo("c"))
        .isEqualTo(new ByteWriter().raw(utf8("txnchain/result/v1")).string("c").toByteArray());
    assertThat(Transaction.payloadInfo("c")).isNotEqualTo(Transaction.payloadInfo("d"));
    assertThat(Transaction.payloadAad(ALICE.publicKeyCompressed(), "x"))
        .isNotEqualTo(Transaction.payloadAad(ALICE.publicKeyCompressed(), "y"))
        .isNotEqualTo(Transaction.payloadAad(BOB.publicKeyCompressed(), "x"));
  }
}
