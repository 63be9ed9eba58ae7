package io.txnchain.wire.tx;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * A transaction signed by a user's secp256k1 key.
 *
 * <p>The id is derived from (chain, sender, client id), not from the content: a client that retries
 * with the same client id gets the same id, and the ledger refuses a second transaction under it.
 * The signature covers everything else, sealed payloads as ciphertext, so the host can check it
 * without opening anything.
 *
 * <p>The signed digest is what an Ethereum wallet produces for {@code personal_sign} over the
 * SHA-256 of the signing bytes (EIP-191), so browser wallets can sign transactions.
 *
 * <p>Instances are immutable; byte arrays returned by accessors must not be modified.
 */
public final class Transaction {
  public static final int VERSION = 1;
  public static final int MAX_CLIENT_ID = 64;
  public static final int MAX_CHAIN_ID = 64;
  public static final int MAX_APP_NAME = 64;

  /** The hard limit of the encoding; nodes configure a lower one. */
  public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

  private static final byte[] TX_ID_DOMAIN =
      "txnchain/tx-id/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PERSONAL_SIGN_PREFIX =
      "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESULT_INFO_DOMAIN =
      "txnchain/result/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PAYLOAD_INFO_DOMAIN =
      "txnchain/tx-payload/v1".getBytes(StandardCharsets.US_ASCII);

  private final String chainId;
  private final TxKind kind;
  private final String clientId;
  private final byte[] sender;
  private final String app;
  private final byte[] appMeasurement;
  private final boolean sealed;
  private final byte[] payload;
  private final byte[] replyKey;
  private final byte[] signature;
  private final byte[] encoded;
  private final EthAddress senderAddress;
  private final String id;

  private Transaction(
      String chainId,
      TxKind kind,
      String clientId,
      byte[] sender,
      String app,
      byte[] appMeasurement,
      boolean sealed,
      byte[] payload,
      byte[] replyKey,
      byte[] signature,
      byte[] encoded,
      EthAddress senderAddress) {
    this.chainId = chainId;
    this.kind = kind;
    this.clientId = clientId;
    this.sender = sender;
    this.app = app;
    this.appMeasurement = appMeasurement;
    this.sealed = sealed;
    this.payload = payload;
    this.replyKey = replyKey;
    this.signature = signature;
    this.encoded = encoded;
    this.senderAddress = senderAddress;
    this.id = idOf(chainId, senderAddress, clientId);
  }

  /** The id of the transaction that {@code sender} submits under {@code clientId}. */
  public static String idOf(String chainId, EthAddress sender, String clientId) {
    return "0x"
        + Hex.toHexString(
            Hashes.sha256(
                TX_ID_DOMAIN,
                new ByteWriter()
                    .string(chainId)
                    .raw(sender.bytes20())
                    .string(clientId)
                    .toByteArray()));
  }

  /** The HPKE info string that binds a sealed payload to its chain. */
  public static byte[] payloadInfo(String chainId) {
    return new ByteWriter().raw(PAYLOAD_INFO_DOMAIN).string(chainId).toByteArray();
  }

  /**
   * The HPKE info bound into a sealed work-order result; the associated data is the transaction id
   * in ASCII.
   */
  public static byte[] resultInfo(String chainId) {
    return new ByteWriter().raw(RESULT_INFO_DOMAIN).string(chainId).toByteArray();
  }

  /** The associated data that binds a sealed payload to its sender and client id. */
  public static byte[] payloadAad(byte[] senderPublicKey, String clientId) {
    return new ByteWriter().bytes(senderPublicKey).string(clientId).toByteArray();
  }

  /**
   * Builds, signs and encodes a transaction.
   *
   * @throws IllegalArgumentException if the fields break a rule that {@link #decode} enforces (an
   *     empty client id, a work order without app, a field over its limit, a measurement or reply
   *     key that is neither empty nor 32 bytes), since no node would accept the result
   */
  public static Transaction sign(Unsigned u, Secp256k1KeyPair key) {
    byte[] sender = key.publicKeyCompressed();
    byte[] signing = signingBytes(u, sender);
    EcdsaSignature sig = key.sign(digestOf(signing));
    byte[] signature = sig.toBytes65();
    byte[] encoded = new ByteWriter(signing.length + 65).raw(signing).raw(signature).toByteArray();
    try {
      // Decoding applies every structural rule, and gives a transaction that shares no array with
      // the caller's Unsigned.
      return decode(encoded);
    } catch (WireFormatException e) {
      throw new IllegalArgumentException("cannot sign this transaction: " + e.getMessage(), e);
    }
  }

  /** The fields a client chooses; see {@link #sign}. */
  public record Unsigned(
      String chainId,
      TxKind kind,
      String clientId,
      String app,
      byte[] appMeasurement,
      boolean sealed,
      byte[] payload,
      byte[] replyKey) {}

  private static byte[] signingBytes(Unsigned u, byte[] sender) {
    return new ByteWriter(96 + u.payload().length)
        .u8(VERSION)
        .string(u.chainId())
        .u8(u.kind().code())
        .string(u.clientId())
        .raw(sender)
        .string(u.app())
        .bytes(u.appMeasurement())
        .bool(u.sealed())
        .bytes(u.payload())
        .bytes(u.replyKey())
        .toByteArray();
  }

  private static byte[] digestOf(byte[] signingBytes) {
    return Hashes.keccak256(PERSONAL_SIGN_PREFIX, Hashes.sha256(signingBytes));
  }

  /**
   * Decodes a signed transaction. Checks structure and limits only; {@link #verifySignature()} is a
   * separate, costlier step.
   */
  public static Transaction decode(byte[] encoded) throws WireFormatException {
    ByteReader r = new ByteReader(encoded);
    int version = r.u8("version");
    if (version != VERSION) {
      throw new WireFormatException("unsupported transaction version " + version);
    }
    String chainId = r.string(MAX_CHAIN_ID, "chainId");
    TxKind kind = TxKind.fromCode(r.u8("kind"));
    String clientId = r.string(MAX_CLIENT_ID, "clientId");
    if (clientId.isEmpty()) {
      throw new WireFormatException("clientId must not be empty");
    }
    byte[] sender = r.raw(33, "sender");
    if (sender[0] != 2 && sender[0] != 3) {
      throw new WireFormatException("sender must be a compressed secp256k1 public key");
    }
    EthAddress senderAddress;
    try {
      senderAddress = EthAddress.fromPublicKey(sender);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("sender is not a point on secp256k1");
    }
    String app = r.string(MAX_APP_NAME, "app");
    byte[] measurement = r.fixedOrEmpty(32, "appMeasurement");
    boolean sealed = r.bool("sealed");
    byte[] payload = r.bytes(MAX_PAYLOAD, "payload");
    byte[] replyKey = r.fixedOrEmpty(32, "replyKey");
    byte[] signature = r.raw(65, "signature");
    r.end("transaction");
    if (kind == TxKind.WORK_ORDER && app.isEmpty()) {
      throw new WireFormatException("a work order must name an app");
    }
    return new Transaction(
        chainId,
        kind,
        clientId,
        sender,
        app,
        measurement,
        sealed,
        payload,
        replyKey,
        signature,
        encoded.clone(),
        senderAddress);
  }

  /**
   * True if the signature is a valid low-s secp256k1 signature by {@link #sender()} over this
   * transaction, with the recovery id (v) that recovers the sender, as a wallet produces it. The
   * other v would verify too, so accepting it would give a second valid encoding.
   */
  public boolean verifySignature() {
    try {
      EcdsaSignature sig = EcdsaSignature.fromBytes65(signature);
      byte[] signing = Arrays.copyOf(encoded, encoded.length - 65);
      byte[] digest = digestOf(signing);
      // Recovery alone is a complete check: the key recovered from (digest, r, s, v) satisfies
      // the verification equation by construction, so the signature is valid exactly when that
      // key is the sender's. It also pins v, so a signature has one encoding.
      byte[] recovered = Secp256k1.recoverPublicKey(digest, sig);
      return Arrays.equals(compress(recovered), sender);
    } catch (CryptoException e) {
      return false;
    }
  }

  private static byte[] compress(byte[] uncompressed65) {
    byte[] out = new byte[33];
    out[0] = (byte) ((uncompressed65[64] & 1) == 0 ? 2 : 3);
    System.arraycopy(uncompressed65, 1, out, 1, 32);
    return out;
  }

  public String id() {
    return id;
  }

  public String chainId() {
    return chainId;
  }

  public TxKind kind() {
    return kind;
  }

  public String clientId() {
    return clientId;
  }

  /** The sender's compressed public key (33 bytes). */
  public byte[] sender() {
    return sender;
  }

  public EthAddress senderAddress() {
    return senderAddress;
  }

  /** The app a work order names; empty for data transactions. */
  public String app() {
    return app;
  }

  /** The measurement the sender expects the app to have; empty when not pinned. */
  public byte[] appMeasurement() {
    return appMeasurement;
  }

  public boolean sealed() {
    return sealed;
  }

  /** The payload: plaintext, or a sealed box when {@link #sealed()}. */
  public byte[] payload() {
    return payload;
  }

  /** The X25519 key a sealed result is returned to; empty when none. */
  public byte[] replyKey() {
    return replyKey;
  }

  public byte[] signature() {
    return signature;
  }

  /** The canonical encoding, signature included. */
  public byte[] encoded() {
    return encoded;
  }
}
