package io.txnchain.tee;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import java.time.Instant;
import java.util.List;

/**
 * The capabilities a trusted execution environment gives to the code it runs.
 *
 * <p>Only the trusted state machine holds an {@code Enclave}; host code (API, storage, replication)
 * talks to that state machine and never to these methods, so plaintext returned by {@link #open}
 * stays on the trusted side. Every implementation, simulated or hardware, offers exactly these
 * operations, which keeps the trusted code identical across TEE types.
 */
public interface Enclave {

  /** The TEE type, such as {@code sim}, {@code sgx}, {@code tdx} or {@code sev-snp}. */
  String teeType();

  /** True when there is no hardware protection; evidence from such an enclave says so. */
  boolean simulated();

  /** SHA-256 measurement of the code this enclave runs. */
  byte[] measurement();

  /** The enclave's public keys. */
  EnclaveKeys keys();

  /** Fresh evidence binding {@link #keys()} and {@code nonce} to {@link #measurement()}. */
  Evidence evidence(byte[] nonce);

  /**
   * The keys a joining enclave presents: its identity key and a transport key (X25519) on which it
   * receives the network keys. Until it has joined, {@link #keys()} holds keys of its own.
   */
  EnclaveKeys joinKeys();

  /** Evidence binding {@link #joinKeys()} and {@code nonce} to {@link #measurement()}. */
  Evidence joinEvidence(byte[] nonce);

  /**
   * Hands this network's keys (the encryption key and the network secret) to a joining enclave,
   * sealed to its transport key, after checking inside this enclave that the joiner's evidence
   * verifies under {@code policy}, binds {@code joiner} and {@code nonce}, and measures the same
   * code as this enclave. The keys never leave an enclave in clear.
   *
   * @throws EvidenceException if the joiner is not admitted, with the reason
   */
  byte[] shareNetworkKeys(
      EnclaveKeys joiner,
      Evidence evidence,
      byte[] nonce,
      EvidenceVerifiers verifiers,
      EvidencePolicy policy,
      Instant now)
      throws EvidenceException;

  /**
   * Replaces this enclave's network keys with those sealed to its transport key by {@link
   * #shareNetworkKeys}, and persists them sealed. The sharer must prove, inside this enclave, that
   * it is an attested enclave running the same code: its evidence over {@code nonce} (chosen by
   * this enclave's host for this join) must verify under {@code policy} and bind {@code sharer},
   * whose identity key must have signed {@code sha256(sealedKeys || nonce)}, and whose encryption
   * key must be the one received.
   */
  void adoptNetworkKeys(
      byte[] sealedKeys,
      byte[] nonce,
      EnclaveKeys sharer,
      Evidence sharerEvidence,
      byte[] sharerSignature,
      EvidenceVerifiers verifiers,
      EvidencePolicy policy,
      Instant now)
      throws CryptoException, EvidenceException;

  /**
   * The sharer's signature over sealed network keys it hands out: {@code sha256(sealedKeys ||
   * nonce)} signed with the identity key.
   */
  byte[] signSharedKeys(byte[] sealedKeys, byte[] nonce);

  /**
   * Splits the network keys {@code threshold}-of-n with Shamir's scheme, one share per recipient,
   * each sealed to that recipient's X25519 key: the ledger-secret backup held by governance
   * members. Fewer than {@code threshold} shares reveal nothing about the keys.
   *
   * @param recipients X25519 public keys, one per share
   * @return the sealed shares, in the order of {@code recipients}; share {@code i} has index {@code
   *     i + 1}
   */
  List<byte[]> splitNetworkKeys(List<byte[]> recipients, int threshold);

  /**
   * Rebuilds the network keys from shares made by {@link #splitNetworkKeys}, each opened by its
   * member and sealed again to this enclave's {@linkplain #joinKeys() transport key} with {@link
   * #RECOVERY_TRANSFER_INFO}, and adopts them as if this enclave had joined.
   *
   * @param expectedEncryptionKey the network's public encryption key: the shares must combine to
   *     it, so that too few shares or shares from different splits are refused instead of
   *     installing wrong keys
   * @throws CryptoException when a share does not open or the shares do not combine to the keys
   */
  void recoverNetworkKeys(List<byte[]> sealedShares, byte[] expectedEncryptionKey)
      throws CryptoException;

  /** The HPKE info of a share sealed to a member's recovery key. */
  byte[] RECOVERY_SHARE_INFO =
      "txnchain/recovery-share/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The HPKE info of a share sealed to a recovering enclave's transport key. */
  byte[] RECOVERY_TRANSFER_INFO =
      "txnchain/recovery-transfer/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Ed25519 signature by the identity key. */
  byte[] sign(byte[] message);

  /** Opens a sealed box addressed to this enclave's encryption key. */
  byte[] open(byte[] box, byte[] info, byte[] aad) throws SealedBoxException;

  /**
   * A secret derived from the network secret, identical in every enclave of the network, so that
   * replicas derive the same values (for example the ephemeral key of a deterministic seal).
   */
  byte[] deriveNetworkSecret(String label, byte[] context, int length);

  /** Encrypts data for this enclave's own storage with its sealing key. */
  byte[] sealForStorage(byte[] plaintext, byte[] aad);

  /** Decrypts what {@link #sealForStorage} produced, on the same platform and measurement. */
  byte[] unsealFromStorage(byte[] sealed, byte[] aad) throws CryptoException;
}
