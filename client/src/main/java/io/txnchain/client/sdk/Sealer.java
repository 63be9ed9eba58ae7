package io.txnchain.client.sdk;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.wire.tx.Transaction;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Seals payloads to a node's enclave, after checking that the enclave key really belongs to an
 * attested enclave.
 *
 * <p>The invariant: a payload is sealed only to an encryption key that verified evidence binds
 * through {@link EnclaveKeys#reportData(byte[])} with a nonce this sealer chose at random just
 * before, so a host can neither substitute its own key nor replay old evidence. Simulated evidence
 * passes only when the policy allows it explicitly.
 */
public final class Sealer {
  /** Where evidence comes from; usually {@link TxnChainClient#evidence(byte[])}. */
  @FunctionalInterface
  public interface EvidenceSource {
    NodeEvidence fetch(byte[] nonce);
  }

  /**
   * Picks the policy once the node has said what it runs; lets a caller accept simulated evidence
   * from a node that declares itself simulated, and warn about it.
   */
  @FunctionalInterface
  public interface PolicyChooser {
    EvidencePolicy choose(NodeEvidence reported);
  }

  /** Length of the nonce sent with every evidence request. */
  public static final int NONCE_LENGTH = 32;

  private final EvidenceSource source;
  private final EvidenceVerifiers verifiers;
  private final SecureRandom random;
  private final Clock clock;

  public Sealer(
      EvidenceSource source, EvidenceVerifiers verifiers, SecureRandom random, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A sealer for a node, with the built-in evidence verifiers. */
  public static Sealer forNode(TxnChainClient client, SecureRandom random) {
    return new Sealer(client::evidence, EvidenceVerifiers.builtIn(), random, Clock.systemUTC());
  }

  /** Fetches and verifies the enclave's evidence under a fixed policy. */
  public AttestedEnclave attest(EvidencePolicy policy) {
    return attest(reported -> policy);
  }

  /**
   * Fetches the enclave's evidence over a fresh random nonce and verifies it under the policy the
   * chooser picks.
   *
   * @throws AttestationException if the evidence does not verify or does not bind the keys
   */
  public AttestedEnclave attest(PolicyChooser chooser) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    NodeEvidence reported = source.fetch(nonce.clone());
    EvidencePolicy policy = chooser.choose(reported);
    EnclaveKeys keys;
    Evidence evidence;
    try {
      keys = new EnclaveKeys(reported.identityKey(), reported.encryptionKey());
      evidence = new Evidence(reported.format(), reported.data());
    } catch (IllegalArgumentException e) {
      throw new AttestationException(
          "the node reported malformed enclave evidence: " + e.getMessage());
    }
    EvidenceClaims claims;
    try {
      // Our own nonce, not the one the node echoes: evidence made for another nonce is a replay.
      claims = verifiers.verify(evidence, policy, keys.reportData(nonce), clock.instant());
    } catch (EvidenceException e) {
      throw new AttestationException("the enclave's evidence does not verify: " + e.getMessage());
    }
    return new AttestedEnclave(keys, claims, reported);
  }

  /**
   * Seals a transaction payload to an attested enclave. The box is bound to the chain, the sender
   * and the client id, so the node cannot move it into another transaction.
   */
  public byte[] seal(
      AttestedEnclave enclave,
      String chainId,
      Secp256k1KeyPair sender,
      String clientId,
      byte[] plaintext) {
    return SealedBox.seal(
        enclave.keys().encryptionKey(),
        Transaction.payloadInfo(chainId),
        Transaction.payloadAad(sender.publicKeyCompressed(), clientId),
        plaintext,
        random);
  }
}
