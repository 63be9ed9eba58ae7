package io.txnchain.ledger.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.merkle.InclusionProof;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.StoredBlock;
import io.txnchain.ledger.store.TxLocation;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.BlockSignature;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.receipt.Receipt;
import io.txnchain.wire.receipt.ReceiptView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.util.encoders.Hex;

/**
 * Builds receipts from the store: the record, its inclusion proof in the block's tree, the header
 * with its signatures, and the stored evidence of each signing enclave.
 */
public final class ReceiptBuilder {
  private final LedgerStore store;

  public ReceiptBuilder(LedgerStore store) {
    this.store = store;
  }

  /** Records the evidence of an enclave so that receipts of the blocks it signs can carry it. */
  public static void storeEvidence(LedgerStore store, Receipt.EvidenceEntry evidence)
      throws io.txnchain.ledger.store.LedgerStoreException {
    store.putMeta(
        "evidence/" + evidence.identityKey(),
        new ByteWriter()
            .string(evidence.encryptionKey())
            .string(evidence.nonce())
            .string(evidence.format())
            .string(evidence.data())
            .toByteArray());
  }

  /** The stored evidence of the enclave with this identity key (hex). */
  public Optional<Receipt.EvidenceEntry> evidence(String identityKey) {
    return store
        .meta("evidence/" + identityKey)
        .map(
            raw -> {
              try {
                ByteReader r = new ByteReader(raw);
                Receipt.EvidenceEntry e =
                    new Receipt.EvidenceEntry(
                        identityKey,
                        r.string(128, "encryptionKey"),
                        r.string(1024, "nonce"),
                        r.string(64, "format"),
                        r.string(1 << 20, "data"));
                r.end("evidence");
                return e;
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
    List<Receipt.Signature> sigs = new ArrayList<>();
    List<Receipt.EvidenceEntry> evidence = new ArrayList<>();
    for (BlockSignature s : block.signatures()) {
      String key = Hex.toHexString(s.enclaveKey());
      sigs.add(new Receipt.Signature(key, Hex.toHexString(s.signature())));
      evidence(key).ifPresent(evidence::add);
    }
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
            evidence,
            decoded));
  }
}
