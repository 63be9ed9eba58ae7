package io.txnchain.crypto.seal;

import io.txnchain.crypto.AesGcm;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBoxException.Reason;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A sealed box: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.
 * The recipient key and a caller context (HPKE "info") are bound into the key schedule.
 *
 * <p>Wire format: {@code version(1) = 1 || recipientKeyId(8) || enc(32) || ciphertext || tag(16)},
 * where the key id is the first 8 bytes of SHA-256 of the recipient public key. Each box is a
 * single-shot HPKE context, so the AEAD nonce is the context's base nonce. A {@code null} info or
 * aad is the same as an empty one.
 */
public final class SealedBox {
  /** The wire format version this class writes and reads. */
  public static final int VERSION = 1;

  /** Length of the recipient key id. */
  public static final int KEY_ID_LENGTH = 8;

  private static final int ENC_LENGTH = X25519KeyPair.KEY_LENGTH;
  private static final int ENC_OFFSET = 1 + KEY_ID_LENGTH;
  private static final int HEADER_LENGTH = ENC_OFFSET + ENC_LENGTH;

  /** Smallest possible box: header and the tag of an empty plaintext. */
  public static final int MIN_LENGTH = HEADER_LENGTH + AesGcm.TAG_LENGTH;

  private SealedBox() {}

  /** Seals {@code plaintext} to the recipient with a fresh ephemeral key from {@code random}. */
  public static byte[] seal(
      byte[] recipientPublicKey32, byte[] info, byte[] aad, byte[] plaintext, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return sealWith(recipientPublicKey32, info, aad, plaintext, X25519KeyPair.generate(random));
  }

  /**
   * Deterministic variant: the ephemeral key is HPKE DeriveKeyPair(ephemeralIkm). Needed by
   * replicated state machines that must produce identical ciphertext on every replica.
   *
   * <p>The ikm (at least 32 bytes) must be secret and must never be reused for a different
   * plaintext, info or aad to the same recipient: that would reuse an AES-GCM key and nonce. Derive
   * it from a replicated secret and a unique identifier of the message.
   */
  public static byte[] sealDeterministic(
      byte[] recipientPublicKey32, byte[] info, byte[] aad, byte[] plaintext, byte[] ephemeralIkm) {
    return sealWith(recipientPublicKey32, info, aad, plaintext, X25519KeyPair.derive(ephemeralIkm));
  }

  /** Opens a box sealed to {@code recipient} under the same info and aad. */
  public static byte[] open(X25519KeyPair recipient, byte[] info, byte[] aad, byte[] box)
      throws SealedBoxException {
    Objects.requireNonNull(recipient, "recipient");
    byte[] keyId = recipientKeyIdOf(box);
    if (!Arrays.equals(keyId, recipientKeyId(recipient.publicKey()))) {
      throw new SealedBoxException(
          Reason.WRONG_RECIPIENT, "sealed box is addressed to a different recipient key");
    }
    byte[] enc = Arrays.copyOfRange(box, ENC_OFFSET, HEADER_LENGTH);
    byte[] sharedSecret;
    try {
      sharedSecret = Hpke.decap(enc, recipient);
    } catch (CryptoException e) {
      throw new SealedBoxException(
          Reason.MALFORMED, "sealed box ephemeral key is a low-order point", e);
    }
    Hpke.Context context = Hpke.keySchedule(Hpke.AEAD_AES_256_GCM, sharedSecret, info);
    try {
      return AesGcm.decrypt(
          context.key(),
          context.baseNonce(),
          aad,
          Arrays.copyOfRange(box, HEADER_LENGTH, box.length));
    } catch (CryptoException e) {
      throw new SealedBoxException(
          Reason.AUTHENTICATION_FAILED,
          "sealed box failed authentication (tampered, or different info or aad)",
          e);
    }
  }

  /** The 8-byte key id of a recipient: the first 8 bytes of SHA-256 of its public key. */
  public static byte[] recipientKeyId(byte[] recipientPublicKey32) {
    requireRecipientKey(recipientPublicKey32);
    return Arrays.copyOf(Hashes.sha256(recipientPublicKey32), KEY_ID_LENGTH);
  }

  /**
   * Reads the recipient key id from a box's header without decrypting it; MALFORMED if the box is
   * too short or of another version.
   */
  public static byte[] recipientKeyIdOf(byte[] box) throws SealedBoxException {
    if (box == null) {
      throw new SealedBoxException(Reason.MALFORMED, "sealed box is null");
    }
    if (box.length < MIN_LENGTH) {
      throw new SealedBoxException(
          Reason.MALFORMED,
          "sealed box is " + box.length + " bytes, shorter than the minimum " + MIN_LENGTH);
    }
    if (box[0] != VERSION) {
      throw new SealedBoxException(
          Reason.MALFORMED, "sealed box version is " + (box[0] & 0xff) + ", expected " + VERSION);
    }
    return Arrays.copyOfRange(box, 1, ENC_OFFSET);
  }

  private static byte[] sealWith(
      byte[] recipientPublicKey32,
      byte[] info,
      byte[] aad,
      byte[] plaintext,
      X25519KeyPair ephemeral) {
    requireRecipientKey(recipientPublicKey32);
    Objects.requireNonNull(plaintext, "plaintext");
    Hpke.Encapsulation encapsulation;
    try {
      encapsulation = Hpke.encap(recipientPublicKey32, ephemeral);
    } catch (CryptoException e) {
      throw new IllegalArgumentException("recipient public key is a low-order X25519 point", e);
    }
    Hpke.Context context =
        Hpke.keySchedule(Hpke.AEAD_AES_256_GCM, encapsulation.sharedSecret(), info);
    byte[] ciphertext = AesGcm.encrypt(context.key(), context.baseNonce(), aad, plaintext);

    byte[] box = new byte[HEADER_LENGTH + ciphertext.length];
    box[0] = VERSION;
    System.arraycopy(recipientKeyId(recipientPublicKey32), 0, box, 1, KEY_ID_LENGTH);
    System.arraycopy(encapsulation.enc(), 0, box, ENC_OFFSET, ENC_LENGTH);
    System.arraycopy(ciphertext, 0, box, HEADER_LENGTH, ciphertext.length);
    return box;
  }

  private static void requireRecipientKey(byte[] recipientPublicKey32) {
    Objects.requireNonNull(recipientPublicKey32, "recipientPublicKey32");
    if (recipientPublicKey32.length != X25519KeyPair.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "recipient public key must be "
              + X25519KeyPair.KEY_LENGTH
              + " bytes, got "
              + recipientPublicKey32.length);
    }
  }
}
