package io.txnchain.ledger.witness;

import io.txnchain.crypto.Ed25519;
import io.txnchain.crypto.Hashes;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects, on the ledger, every node's enclave signature over the block headers it computed, so
 * that a block is vouched for by all the replicas that applied it (not just by the one whose copy a
 * client happened to read) and so that a replica that computed a different block is found out.
 *
 * <p>It also records, once per identity key, the enclave's evidence over the fixed receipt nonce
 * ({@link #receiptNonce}), so that a receipt for any block can be assembled from ledger state
 * alone: every co-signature together with the evidence that lets anyone check its signer offline.
 *
 * <p>Inputs are binary so that they are compact and have one encoding:
 *
 * <ul>
 *   <li>header signatures: one or more (at most {@value #MAX_SIGNATURES}) concatenated {@code u64
 *       height, 32 header hash, 32 Ed25519 identity key, 64 signature} over {@link
 *       BlockHeader#signingMessage(byte[])};
 *   <li>evidence: {@link #EVIDENCE_MAGIC} followed by {@link EvidenceRecord#encode()}.
 * </ul>
 *
 * Only the holders of the network secret may submit ({@link #submitter}), since a signature by a
 * key that is not a node's would count as a node's opinion.
 *
 * <p>State: {@code sig/<height, 19 digits>/<identity key hex>} → header hash ‖ signature, and
 * {@code ev/<identity key hex>} → the stored form of an {@link EvidenceRecord}.
 */
public final class WitnessApp implements EnclaveApp {
  /** The registered name. */
  public static final String NAME = "witness";

  /** The size of one header signature in an input. */
  public static final int INPUT_LENGTH = 8 + 32 + 32 + 64;

  /** Most header signatures one input carries. */
  public static final int MAX_SIGNATURES = 64;

  /**
   * How an evidence input begins. A signature input cannot: its first byte is the top byte of a
   * height, zero for any height a ledger reaches.
   */
  public static final byte[] EVIDENCE_MAGIC =
      "txnchain/witness-evidence/v1".getBytes(StandardCharsets.US_ASCII);

  /** Largest evidence accepted, in bytes: hardware quotes with their certificates fit. */
  public static final int MAX_EVIDENCE = 64 * 1024;

  /** Most collateral items one evidence record carries: as many as a receipt verifier reads. */
  public static final int MAX_COLLATERAL_ITEMS = CollateralBundle.MAX_ITEMS;

  /** Most collateral bytes one record carries, all items together. */
  public static final int MAX_COLLATERAL_BYTES = CollateralBundle.MAX_TOTAL_BYTES;

  private volatile String submitter;
  private volatile byte[] evidenceNonce;
  private volatile EvidenceCheck evidenceCheck;

  /**
   * How the network checks evidence inside the enclave: verifies it under the network's policy at
   * the block's time, and requires its report data to equal {@code expectedReportData}.
   *
   * <p>It must be a function of its arguments and of committed ledger state only, or replicas would
   * disagree on whether a record is accepted: no verifier that reads files or networks of the node
   * (hardware collateral read from a node's directory does), and a policy read from the state
   * committed before the block being applied (the governance policy is).
   */
  @FunctionalInterface
  public interface EvidenceCheck {
    /**
     * @param collateral what the record carries to verify hardware evidence with (certificates,
     *     CRLs, Intel TCB Info and QE Identity, each a collateral file); empty for simulated
     *     evidence. It is all the check may use besides the pinned vendor roots
     * @throws EvidenceException when the evidence is refused, with the reason
     */
    void verify(
        Evidence evidence, List<byte[]> collateral, byte[] expectedReportData, long blockTimeMillis)
        throws EvidenceException;
  }

  /**
   * @param submitter the checksummed address allowed to submit; every node derives the same one
   *     from the network secret, set with {@link #authorize} once the node holds that secret
   */
  public WitnessApp(String submitter) {
    this.submitter = submitter;
  }

  /** Sets the submitter once the network secret is known (after joining). */
  public void authorize(String address) {
    this.submitter = address;
  }

  /**
   * Enables evidence records: each must pass {@code check} and bind its keys with the fixed receipt
   * nonce of {@code chainId}. Until then they are refused.
   */
  public void verifyEvidenceWith(String chainId, EvidenceCheck check) {
    this.evidenceNonce = receiptNonce(chainId);
    this.evidenceCheck = check;
  }

  /**
   * The fixed nonce of the evidence receipts carry: {@code sha256("txnchain/receipt-evidence/v1/"
   * || chainId)}.
   */
  public static byte[] receiptNonce(String chainId) {
    return Hashes.sha256(
        ("txnchain/receipt-evidence/v1/" + chainId).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * An enclave's evidence over the fixed receipt nonce, binding its identity and encryption keys,
   * with the collateral that hardware evidence needs to be checked by every replica and, later, by
   * anyone holding a receipt.
   *
   * @param format the evidence format ({@code sim}, {@code sgx-dcap}, …)
   * @param data the format's bytes
   * @param collateral collateral files (empty for simulated evidence)
   */
  public record EvidenceRecord(
      byte[] identityKey,
      byte[] encryptionKey,
      String format,
      byte[] data,
      List<byte[]> collateral) {
    public EvidenceRecord {
      collateral = List.copyOf(collateral);
    }

    /** A record without collateral (simulated evidence). */
    public EvidenceRecord(byte[] identityKey, byte[] encryptionKey, String format, byte[] data) {
      this(identityKey, encryptionKey, format, data, List.of());
    }

    /** The input that records it. */
    public byte[] encode() {
      ByteWriter w =
          new ByteWriter()
              .raw(EVIDENCE_MAGIC)
              .raw(identityKey)
              .raw(encryptionKey)
              .string(format)
              .bytes(data);
      writeCollateral(w, collateral);
      return w.toByteArray();
    }

    /** Decodes an input that begins with {@link #EVIDENCE_MAGIC}. */
    static EvidenceRecord decode(byte[] in) throws WireFormatException {
      ByteReader r = new ByteReader(in);
      r.raw(EVIDENCE_MAGIC.length, "magic");
      byte[] identityKey = r.raw(32, "identityKey");
      byte[] encryptionKey = r.raw(32, "encryptionKey");
      String format = r.string(64, "format");
      byte[] data = r.bytes(MAX_EVIDENCE, "data");
      List<byte[]> collateral = readCollateral(r);
      r.end("evidence");
      return new EvidenceRecord(identityKey, encryptionKey, format, data, collateral);
    }

    /**
     * What the state holds under {@link #evidenceKey}: everything but the identity key, and the
     * time of the block that recorded it when there is collateral. A record without collateral
     * keeps the form it had before collateral existed, so replaying an older ledger gives the same
     * state.
     */
    byte[] stored(long recordedAtMillis) {
      ByteWriter w = new ByteWriter().raw(encryptionKey).string(format).bytes(data);
      if (!collateral.isEmpty()) {
        w.u64(recordedAtMillis);
        writeCollateral(w, collateral);
      }
      return w.toByteArray();
    }

    /** The record stored under {@link #evidenceKey}{@code (identityKey)}, with its time. */
    public static Stored fromStored(byte[] identityKey, byte[] stored) throws WireFormatException {
      ByteReader r = new ByteReader(stored);
      byte[] encryptionKey = r.raw(32, "encryptionKey");
      String format = r.string(64, "format");
      byte[] data = r.bytes(MAX_EVIDENCE, "data");
      Long recordedAt = null;
      List<byte[]> collateral = List.of();
      if (r.hasRemaining()) {
        recordedAt = r.u64("recordedAt");
        collateral = readCollateral(r);
      }
      r.end("stored evidence");
      return new Stored(
          new EvidenceRecord(identityKey.clone(), encryptionKey, format, data, collateral),
          recordedAt);
    }

    private static void writeCollateral(ByteWriter w, List<byte[]> collateral) {
      if (collateral.isEmpty()) {
        return;
      }
      w.u32(collateral.size());
      collateral.forEach(w::bytes);
    }

    private static List<byte[]> readCollateral(ByteReader r) throws WireFormatException {
      if (!r.hasRemaining()) {
        return List.of();
      }
      int count = r.u32("collateral count");
      if (count < 1 || count > MAX_COLLATERAL_ITEMS) {
        throw new WireFormatException(
            "collateral count " + count + " is not between 1 and " + MAX_COLLATERAL_ITEMS);
      }
      List<byte[]> items = new ArrayList<>(count);
      long total = 0;
      for (int i = 0; i < count; i++) {
        byte[] item = r.bytes(MAX_COLLATERAL_BYTES, "collateral item");
        total += item.length;
        if (total > MAX_COLLATERAL_BYTES) {
          throw new WireFormatException(
              "collateral is larger than " + MAX_COLLATERAL_BYTES + " bytes");
        }
        items.add(item);
      }
      return items;
    }
  }

  /**
   * An evidence record as the state holds it.
   *
   * @param recordedAt the time of the block that recorded it (epoch millis), at which every replica
   *     checked it; null for a record without collateral
   */
  public record Stored(EvidenceRecord record, Long recordedAt) {}

  /** One header signature, decoded. */
  public record Signature(long height, byte[] headerHash, byte[] identityKey, byte[] signature) {
    /** The input that records it. */
    public byte[] encode() {
      byte[] out = new byte[INPUT_LENGTH];
      for (int i = 0; i < 8; i++) {
        out[i] = (byte) (height >>> (56 - 8 * i));
      }
      System.arraycopy(headerHash, 0, out, 8, 32);
      System.arraycopy(identityKey, 0, out, 40, 32);
      System.arraycopy(signature, 0, out, 72, 64);
      return out;
    }

    /** Decodes one signature; {@code null} when it has the wrong size. */
    public static Signature decode(byte[] in) {
      if (in.length != INPUT_LENGTH) {
        return null;
      }
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (in[i] & 0xff);
      }
      return new Signature(
          h,
          Arrays.copyOfRange(in, 8, 40),
          Arrays.copyOfRange(in, 40, 72),
          Arrays.copyOfRange(in, 72, 136));
    }
  }

  /** Encodes several signatures as one input. */
  public static byte[] encode(List<Signature> signatures) {
    byte[] out = new byte[signatures.size() * INPUT_LENGTH];
    for (int i = 0; i < signatures.size(); i++) {
      System.arraycopy(signatures.get(i).encode(), 0, out, i * INPUT_LENGTH, INPUT_LENGTH);
    }
    return out;
  }

  @Override
  public byte[] execute(AppContext ctx, byte[] input) throws AppRejectedException {
    if (submitter == null || !submitter.equals(ctx.caller())) {
      throw new AppRejectedException(
          "not_a_node", "header signatures are submitted by the network's nodes only");
    }
    if (startsWith(input, EVIDENCE_MAGIC)) {
      return recordEvidence(ctx, input);
    }
    if (input.length == 0
        || input.length % INPUT_LENGTH != 0
        || input.length / INPUT_LENGTH > MAX_SIGNATURES) {
      throw new AppRejectedException(
          "malformed_input",
          "header signatures are 1 to "
              + MAX_SIGNATURES
              + " records of "
              + INPUT_LENGTH
              + " bytes");
    }
    List<Signature> fresh = new ArrayList<>();
    for (int at = 0; at < input.length; at += INPUT_LENGTH) {
      Signature s = Signature.decode(Arrays.copyOfRange(input, at, at + INPUT_LENGTH));
      if (s.height() < 1 || s.height() >= ctx.blockHeight()) {
        throw new AppRejectedException(
            "invalid_height", "only blocks below the current height can be signed");
      }
      if (!Ed25519.verify(
          s.identityKey(), BlockHeader.signingMessage(s.headerHash()), s.signature())) {
        throw new AppRejectedException(
            "bad_signature", "the signature does not verify for this header hash and key");
      }
      // A resent batch overlaps what landed already; the first signature of a height stays.
      if (ctx.publicState().get(key(s.height(), s.identityKey())) == null) {
        byte[] value = Arrays.copyOf(s.headerHash(), 96);
        System.arraycopy(s.signature(), 0, value, 32, 64);
        ctx.publicState().put(key(s.height(), s.identityKey()), value);
        fresh.add(s);
      }
    }
    if (fresh.isEmpty()) {
      throw new AppRejectedException("already_signed", "this node has signed this height already");
    }
    for (Signature s : fresh) {
      ctx.emit("header.signed", s.encode());
    }
    return new byte[0];
  }

  /**
   * Records an enclave's receipt evidence once: it must verify under the network's policy, at the
   * block's time, and bind the identity key it is recorded for with the fixed receipt nonce. A
   * second record for the same identity key changes nothing, so that a node may resend it safely.
   */
  private byte[] recordEvidence(AppContext ctx, byte[] input) throws AppRejectedException {
    EvidenceCheck check = evidenceCheck;
    byte[] nonce = evidenceNonce;
    if (check == null || nonce == null) {
      throw new AppRejectedException(
          "evidence_unverifiable", "this network does not record enclave evidence");
    }
    EvidenceRecord e;
    EnclaveKeys keys;
    try {
      e = EvidenceRecord.decode(input);
      keys = new EnclaveKeys(e.identityKey(), e.encryptionKey());
    } catch (WireFormatException | IllegalArgumentException x) {
      throw new AppRejectedException("malformed_input", "evidence: " + x.getMessage());
    }
    try {
      check.verify(
          new Evidence(e.format(), e.data()),
          e.collateral(),
          keys.reportData(nonce),
          ctx.blockTimeMillis());
    } catch (EvidenceException | IllegalArgumentException x) {
      throw new AppRejectedException("bad_evidence", x.getMessage());
    }
    byte[] key = evidenceKey(e.identityKey());
    if (ctx.publicState().get(key) != null) {
      return "already_recorded".getBytes(StandardCharsets.US_ASCII);
    }
    ctx.publicState().put(key, e.stored(ctx.blockTimeMillis()));
    ctx.emit("evidence.recorded", e.identityKey());
    return new byte[0];
  }

  private static boolean startsWith(byte[] input, byte[] prefix) {
    return input.length >= prefix.length
        && MessageDigest.isEqual(Arrays.copyOf(input, prefix.length), prefix);
  }

  /** The state key of an enclave's receipt evidence. */
  public static byte[] evidenceKey(byte[] identityKey) {
    return ("ev/" + hex(identityKey)).getBytes(StandardCharsets.US_ASCII);
  }

  /** The state key prefix of all signatures at a height. */
  public static byte[] signaturesAt(long height) {
    return prefix(height).getBytes(StandardCharsets.US_ASCII);
  }

  /** The state key of a node's signature at a height. */
  public static byte[] key(long height, byte[] identityKey) {
    return (prefix(height) + hex(identityKey)).getBytes(StandardCharsets.US_ASCII);
  }

  /** The state key prefix of all signatures at a height. */
  private static String prefix(long height) {
    String digits = Long.toString(height);
    return "sig/" + "0".repeat(Math.max(0, 19 - digits.length())) + digits + "/";
  }

  private static String hex(byte[] b) {
    char[] digits = "0123456789abcdef".toCharArray();
    char[] out = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = digits[(b[i] >> 4) & 0xf];
      out[2 * i + 1] = digits[b[i] & 0xf];
    }
    return new String(out);
  }

  @Override
  public List<Class<?>> codeAnchors() {
    return List.of(WitnessApp.class);
  }
}
