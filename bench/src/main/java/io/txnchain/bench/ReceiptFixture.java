package io.txnchain.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.merkle.InclusionProof;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.sim.SimEvidenceProvider;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.Event;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.block.TxStatus;
import io.txnchain.wire.receipt.Receipt;
import io.txnchain.wire.receipt.ReceiptView;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A receipt as a node would hand it out, built the way the ledger builds one: a block of signed
 * work orders with their results and events, the block's Merkle tree over the {@link TxRecord}
 * encodings, a header signed by one enclave, and that enclave's {@code sim} evidence.
 */
final class ReceiptFixture {
  static final String CHAIN_ID = "bench-chain";
  static final int BLOCK_TXS = 16;
  static final int RECEIPT_INDEX = 5;

  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final Receipt receipt;
  final String json;

  private ReceiptFixture(Receipt receipt, String json) {
    this.receipt = receipt;
    this.json = json;
  }

  static ReceiptFixture build() {
    // Records: work orders from a few users, each with a JSON output and one event.
    List<TxRecord> records = new ArrayList<>();
    for (int i = 0; i < BLOCK_TXS; i++) {
      Secp256k1KeyPair user =
          Secp256k1KeyPair.fromPrivateKey(Hashes.sha256(bytes("user " + i % 4)));
      Transaction tx = SignatureBench.sampleTransaction(user, "order-" + i);
      byte[] output =
          ("{\"ok\":true,\"key\":\"order-" + i + "\",\"version\":" + i + "}")
              .getBytes(StandardCharsets.UTF_8);
      records.add(
          new TxRecord(
              tx,
              TxStatus.OK,
              "",
              "",
              output,
              Hashes.sha256(output),
              false,
              List.of(new Event("kv", "put", bytes("{\"key\":\"order-" + i + "\"}")))));
    }
    MerkleTree tree = new MerkleTree();
    List<byte[]> entries = new ArrayList<>();
    for (TxRecord r : records) {
      byte[] entry = r.encode();
      entries.add(entry);
      tree.append(entry);
    }

    BlockHeader header =
        new BlockHeader(
            BlockHeader.VERSION,
            CHAIN_ID,
            42,
            Hashes.sha256(bytes("block 41")),
            tree.root(),
            Hashes.sha256(bytes("state after block 42")),
            BLOCK_TXS,
            1_750_000_000_000L);

    // The enclave: identity and encryption keys, bound by sim evidence to its measurement.
    Ed25519KeyPair identity = Ed25519KeyPair.fromSeed(Hashes.sha256(bytes("enclave identity")));
    X25519KeyPair encryption = X25519KeyPair.fromPrivateKey(Hashes.sha256(bytes("enclave x25519")));
    byte[] signature = identity.sign(header.signingMessage());
    byte[] nonce = Hashes.sha256(bytes("genesis"));
    SimPlatform platform =
        SimPlatform.of(Hashes.sha256(bytes("platform seed")), Hashes.sha256(bytes("secret")));
    byte[] measurement = Hashes.sha256(bytes("enclave bundle"));
    Evidence evidence =
        new SimEvidenceProvider(platform, measurement)
            .produce(
                new EnclaveKeys(identity.publicKey(), encryption.publicKey()).reportData(nonce));

    TxRecord record = records.get(RECEIPT_INDEX);
    InclusionProof proof = tree.proof(RECEIPT_INDEX);
    Receipt receipt =
        new Receipt(
            Receipt.VERSION,
            record.tx().id(),
            HEX.formatHex(entries.get(RECEIPT_INDEX)),
            new Receipt.Proof(
                proof.leafIndex(),
                proof.treeSize(),
                proof.path().stream().map(HEX::formatHex).toList()),
            new Receipt.Header(
                header.version(),
                header.chainId(),
                header.height(),
                HEX.formatHex(header.prevHash()),
                HEX.formatHex(header.txRoot()),
                HEX.formatHex(header.stateRoot()),
                header.txCount(),
                header.timeMillis()),
            List.of(
                new Receipt.Signature(
                    HEX.formatHex(identity.publicKey()), HEX.formatHex(signature))),
            List.of(
                new Receipt.EvidenceEntry(
                    HEX.formatHex(identity.publicKey()),
                    HEX.formatHex(encryption.publicKey()),
                    HEX.formatHex(nonce),
                    evidence.format(),
                    HEX.formatHex(evidence.data()))),
            ReceiptView.describe(record));
    try {
      return new ReceiptFixture(receipt, MAPPER.writeValueAsString(receipt));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("receipt does not serialise", e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
