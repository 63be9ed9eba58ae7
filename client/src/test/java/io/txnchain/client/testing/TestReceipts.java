package io.txnchain.client.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.merkle.InclusionProof;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.block.TxStatus;
import io.txnchain.wire.receipt.Receipt;
import io.txnchain.wire.receipt.ReceiptView;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds a valid receipt the way a node does: a signed transaction in a two-leaf block whose header
 * the enclave signed, with the enclave's sim evidence.
 */
public final class TestReceipts {
  private static final HexFormat HEX = HexFormat.of();
  public static final String CHAIN = "test-chain";

  private TestReceipts() {}

  /** The receipt as the JSON object a node returns. */
  public static ObjectNode valid(TestEnclave enclave, SecureRandom random) {
    Secp256k1KeyPair user = Secp256k1KeyPair.generate(random);
    Transaction tx =
        Transactions.data(
            CHAIN, "c-1", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), false, user);
    Transaction other =
        Transactions.data(CHAIN, "c-2", "other".getBytes(StandardCharsets.UTF_8), false, user);
    TxRecord record = record(tx);
    MerkleTree tree = new MerkleTree();
    tree.append(record.encode());
    tree.append(record(other).encode());
    InclusionProof proof = tree.proof(0);
    byte[] stateRoot = new byte[32];
    random.nextBytes(stateRoot);
    BlockHeader header =
        new BlockHeader(
            BlockHeader.VERSION,
            CHAIN,
            7,
            new byte[32],
            tree.root(),
            stateRoot,
            2,
            1_700_000_000_000L);
    byte[] signature = enclave.identity.sign(header.signingMessage());
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    Evidence evidence = enclave.evidence(nonce);
    Receipt receipt =
        new Receipt(
            Receipt.VERSION,
            tx.id(),
            HEX.formatHex(record.encode()),
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
                    HEX.formatHex(enclave.identity.publicKey()), HEX.formatHex(signature))),
            List.of(
                new Receipt.EvidenceEntry(
                    HEX.formatHex(enclave.identity.publicKey()),
                    HEX.formatHex(enclave.encryption.publicKey()),
                    HEX.formatHex(nonce),
                    evidence.format(),
                    HEX.formatHex(evidence.data()))),
            ReceiptView.describe(record));
    return FakeNode.MAPPER.valueToTree(receipt);
  }

  private static TxRecord record(Transaction tx) {
    return new TxRecord(tx, TxStatus.OK, "", "", new byte[0], new byte[0], false, List.of());
  }

  /** The hex string with the digit at {@code index} changed to another digit. */
  public static String flipHex(String hex, int index) {
    char c = hex.charAt(index);
    char flipped = c == '0' ? '1' : '0';
    return hex.substring(0, index) + flipped + hex.substring(index + 1);
  }
}
