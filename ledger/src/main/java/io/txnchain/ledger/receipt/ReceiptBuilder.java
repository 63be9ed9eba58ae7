package io.txnchain.ledger.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.merkle.InclusionProof;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.ledger.state.AppStateView;
import io.txnchain.ledger.state.StateColumn;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.StoredBlock;
import io.txnchain.ledger.store.TxLocation;
import io.txnchain.ledger.witness.WitnessApp;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.BlockSignature;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.receipt.Receipt;
import io.txnchain.wire.receipt.ReceiptView;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.util.encoders.Hex;

/**
 * Builds receipts from the store: the record, its inclusion proof in the block's tree, the header
 * with its signatures, and the evidence of each signing enclave.
 *
 * <p>Signatures are this node's own (stored with the block) first, then every co-signature the
 * {@link WitnessApp} recorded for the same header, by identity key: so every node that holds the
 * same ledger state serves the same co-signatures. A co-signature over another header (a diverged
 * node) or by an enclave whose evidence is not on the ledger yet is left out, since a verifier
 * would have to refuse it. Evidence comes from the ledger, or, for this node's own enclave before
 * its record landed (and in a network of one, which records none), from what the node stored at
 * start.
 */
public final class ReceiptBuilder {
  private static final int MAX_SIGNERS = 1_000;
  private final LedgerStore store;

  public ReceiptBuilder(LedgerStore store) {
    this.store = store;
  }

  /** Records the evidence of an enclave so that receipts of the blocks it signs can carry it. */
  public static void storeEvidence(LedgerStore store, Receipt.EvidenceEntry evidence)
      throws io.txnchain.ledger.store.LedgerStoreException {
    ByteWriter w =
        new ByteWriter()
            .string(evidence.encryptionKey())
            .string(evidence.nonce())
            .string(evidence.format())
            .string(evidence.data());
    // Added later, so optional on reading: when it was attested, and its collateral.
    w.u64(evidence.attestedAt() == null ? -1 : evidence.attestedAt());
    w.u32(evidence.collateral().size());
    evidence.collateral().forEach(w::string);
    store.putMeta("evidence/" + evidence.identityKey(), w.toByteArray());
  }

  /** The stored evidence of the enclave with this identity key (hex). */
  public Optional<Receipt.EvidenceEntry> evidence(String identityKey) {
    return store
        .meta("evidence/" + identityKey)
        .map(
            raw -> {
              try {
                ByteReader r = new ByteReader(raw);
                String encryptionKey = r.string(128, "encryptionKey");
                String nonce = r.string(1024, "nonce");
                String format = r.string(64, "format");
                String data = r.string(1 << 20, "data");
                Long attestedAt = null;
                List<String> collateral = new ArrayList<>();
                if (r.hasRemaining()) {
                  long at = r.u64("attestedAt");
                  attestedAt = at < 0 ? null : at;
                  int items = r.u32("collateral count");
                  if (items < 0 || items > CollateralBundle.MAX_ITEMS) {
                    throw new WireFormatException(items + " collateral items");
                  }
                  for (int i = 0; i < items; i++) {
                    collateral.add(r.string(2 * CollateralBundle.MAX_ITEM_BYTES, "collateral"));
                  }
                }
                r.end("evidence");
                return new Receipt.EvidenceEntry(
                    identityKey, encryptionKey, nonce, format, data, attestedAt, collateral);
              } catch (WireFormatException ex) {
                throw new IllegalStateException("stored evidence is corrupt", ex);
              }
            });
  }

  /** The receipt for a transaction or work order, if it is on the ledger. */
  public Optional<Receipt> receipt(String txId) {
    Optional<TxLocation> location = store.locate(txId);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    TxLocation at = location.get();
    StoredBlock block =
        store
            .block(at.height())
            .orElseThrow(() -> new IllegalStateException("block " + at.height() + " is missing"));
    List<byte[]> records = store.records(at.height());
    MerkleTree tree = new MerkleTree();
    for (byte[] r : records) {
      tree.append(r);
    }
    InclusionProof proof = tree.proof(at.index());
    byte[] entry = records.get(at.index());
    TxRecord record;
    try {
      record = TxRecord.decode(entry);
    } catch (WireFormatException e) {
      throw new IllegalStateException("record of " + txId + " is corrupt", e);
    }
    BlockHeader h = block.header();
    Map<String, Receipt.Signature> signers = new LinkedHashMap<>();
    Map<String, Receipt.EvidenceEntry> evidence = new LinkedHashMap<>();
    for (BlockSignature s : block.signatures()) {
      String key = Hex.toHexString(s.enclaveKey());
      signers.putIfAbsent(key, new Receipt.Signature(key, Hex.toHexString(s.signature())));
      evidenceOf(key, h.chainId()).ifPresent(e -> evidence.putIfAbsent(key, e));
    }
    for (Map.Entry<String, String> co : coSignatures(h).entrySet()) {
      String key = co.getKey();
      if (signers.containsKey(key)) {
        continue;
      }
      Optional<Receipt.EvidenceEntry> ev = evidenceOf(key, h.chainId());
      if (ev.isPresent()) {
        signers.put(key, new Receipt.Signature(key, co.getValue()));
        evidence.put(key, ev.get());
      }
    }
    List<Receipt.Signature> sigs = List.copyOf(signers.values());
    List<String> path = proof.path().stream().map(Hex::toHexString).toList();
    JsonNode decoded = ReceiptView.describe(record);
    return Optional.of(
        new Receipt(
            Receipt.VERSION,
            txId,
            Hex.toHexString(entry),
            new Receipt.Proof(proof.leafIndex(), proof.treeSize(), path),
            new Receipt.Header(
                h.version(),
                h.chainId(),
                h.height(),
                Hex.toHexString(h.prevHash()),
                Hex.toHexString(h.txRoot()),
                Hex.toHexString(h.stateRoot()),
                h.txCount(),
                h.timeMillis()),
            sigs,
            List.copyOf(evidence.values()),
            decoded));
  }

  /**
   * The signatures other nodes recorded on the ledger (witness app) over this header: identity key
   * to signature, both hex, in key order. Signatures over another header at the same height (a
   * diverged node's) are left out.
   */
  public SortedMap<String, String> coSignatures(BlockHeader h) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<byte[], byte[]> e :
        store.scan(
            StateColumn.PUBLIC,
            AppStateView.stateKey(WitnessApp.NAME, WitnessApp.signaturesAt(h.height())),
            MAX_SIGNERS)) {
      byte[] value = e.getValue();
      if (value.length != 96 || !MessageDigest.isEqual(Arrays.copyOf(value, 32), h.hash())) {
        continue;
      }
      String full = new String(e.getKey(), java.nio.charset.StandardCharsets.US_ASCII);
      out.put(
          full.substring(full.lastIndexOf('/') + 1),
          Hex.toHexString(Arrays.copyOfRange(value, 32, 96)));
    }
    return out;
  }

  /** The receipt evidence of an enclave: as recorded on the ledger, else as this node stored it. */
  private Optional<Receipt.EvidenceEntry> evidenceOf(String identityKey, String chainId) {
    byte[] identity = Hex.decode(identityKey);
    byte[] stored =
        store.get(
            StateColumn.PUBLIC,
            AppStateView.stateKey(WitnessApp.NAME, WitnessApp.evidenceKey(identity)));
    if (stored == null) {
      return evidence(identityKey);
    }
    try {
      WitnessApp.Stored s = WitnessApp.EvidenceRecord.fromStored(identity, stored);
      WitnessApp.EvidenceRecord r = s.record();
      // Hardware evidence is judged when every replica checked it: the block that recorded it.
      return Optional.of(
          new Receipt.EvidenceEntry(
              identityKey,
              Hex.toHexString(r.encryptionKey()),
              Hex.toHexString(WitnessApp.receiptNonce(chainId)),
              r.format(),
              Hex.toHexString(r.data()),
              s.recordedAt(),
              r.collateral().stream().map(Hex::toHexString).toList()));
    } catch (WireFormatException e) {
      throw new IllegalStateException("evidence on the ledger is corrupt", e);
    }
  }
}
