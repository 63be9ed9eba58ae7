package io.txnchain.client.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.NodeEvidence;
import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.sim.SimEvidenceProvider;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An enclave's keys with {@code sim} evidence from a locally created platform: what a node would
 * show, produced in the test.
 */
public final class TestEnclave {
  private static final HexFormat HEX = HexFormat.of();
  public final Ed25519KeyPair identity;
  public final X25519KeyPair encryption;
  public final byte[] measurement;
  private final SimEvidenceProvider provider;
  private final SecureRandom random;

  public TestEnclave(SecureRandom random) {
    this.random = random;
    this.identity = Ed25519KeyPair.generate(random);
    this.encryption = X25519KeyPair.generate(random);
    this.measurement = new byte[32];
    random.nextBytes(measurement);
    byte[] seed = new byte[32];
    byte[] secret = new byte[32];
    random.nextBytes(seed);
    random.nextBytes(secret);
    this.provider = new SimEvidenceProvider(SimPlatform.of(seed, secret), measurement);
  }

  public EnclaveKeys keys() {
    return new EnclaveKeys(identity.publicKey(), encryption.publicKey());
  }

  /** Evidence binding these keys and {@code nonce}. */
  public Evidence evidence(byte[] nonce) {
    return provider.produce(keys().reportData(nonce));
  }

  /** What {@code node_getEvidence} answers for a nonce. */
  public NodeEvidence nodeEvidence(byte[] nonce, boolean declareSimulated) {
    Evidence e = evidence(nonce);
    return new NodeEvidence(
        "sim",
        declareSimulated,
        measurement,
        identity.publicKey(),
        encryption.publicKey(),
        nonce,
        e.format(),
        e.data());
  }

  /** The JSON of {@code node_getEvidence} for the params of a request. */
  public ObjectNode evidenceJson(byte[] nonce, boolean declareSimulated) {
    NodeEvidence e = nodeEvidence(nonce, declareSimulated);
    ObjectNode n = FakeNode.MAPPER.createObjectNode();
    n.put("teeType", e.teeType());
    n.put("simulated", e.simulated());
    n.put("measurement", HEX.formatHex(e.measurement()));
    n.put("identityKey", HEX.formatHex(e.identityKey()));
    n.put("encryptionKey", HEX.formatHex(e.encryptionKey()));
    n.put("nonce", HEX.formatHex(e.nonce()));
    n.put("format", e.format());
    n.put("data", HEX.formatHex(e.data()));
    return n;
  }

  /** Opens a transaction's sealed payload as the enclave would. */
  public byte[] openPayload(Transaction tx) throws SealedBoxException {
    return SealedBox.open(
        encryption,
        Transaction.payloadInfo(tx.chainId()),
        Transaction.payloadAad(tx.sender(), tx.clientId()),
        tx.payload());
  }

  /** Seals a work-order result to the transaction's reply key, as the enclave would. */
  public byte[] sealResult(Transaction tx, byte[] plaintext) {
    return SealedBox.seal(
        tx.replyKey(),
        Transaction.resultInfo(tx.chainId()),
        tx.id().getBytes(StandardCharsets.US_ASCII),
        plaintext,
        random);
  }
}
