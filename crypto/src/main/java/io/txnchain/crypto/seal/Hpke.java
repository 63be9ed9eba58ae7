package io.txnchain.crypto.seal;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Hkdf;
import io.txnchain.crypto.X25519KeyPair;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.Arrays;

/**
 * The parts of RFC 9180 that {@link SealedBox} needs: DHKEM(X25519, HKDF-SHA256) and the base-mode
 * key schedule with HKDF-SHA256. The AEAD is a parameter only so that the RFC's AES-128-GCM test
 * vectors can check the schedule.
 */
final class Hpke {
  static final int KEM_ID = 0x0020;
  static final int KDF_ID = 0x0001;
  static final int AEAD_AES_128_GCM = 0x0001;
  static final int AEAD_AES_256_GCM = 0x0002;
  static final int NONCE_LENGTH = 12;

  private static final byte MODE_BASE = 0x00;
  private static final int SECRET_LENGTH = 32;
  private static final byte[] KEM_SUITE_ID = Arrays.concatenate(ascii("KEM"), i2osp2(KEM_ID));

  private Hpke() {}

  /** Result of Encap: the shared secret and the encapsulated (ephemeral public) key. */
  record Encapsulation(byte[] sharedSecret, byte[] enc) {}

  /** The AEAD key, base nonce and exporter secret of an encryption context. */
  record Context(byte[] key, byte[] baseNonce, byte[] exporterSecret) {}

  /** Encap(pkR) with the given ephemeral key pair; throws if pkR is a low-order point. */
  static Encapsulation encap(byte[] recipientPublicKey, X25519KeyPair ephemeral)
      throws CryptoException {
    byte[] dh = ephemeral.agree(recipientPublicKey);
    byte[] enc = ephemeral.publicKey();
    return new Encapsulation(
        extractAndExpand(dh, Arrays.concatenate(enc, recipientPublicKey)), enc);
  }

  /** Decap(enc, skR); throws if enc is a low-order point. */
  static byte[] decap(byte[] enc, X25519KeyPair recipient) throws CryptoException {
    byte[] dh = recipient.agree(enc);
    return extractAndExpand(dh, Arrays.concatenate(enc, recipient.publicKey()));
  }

  /** KeySchedule for base mode (no PSK) with HKDF-SHA256 and the given AES-GCM suite. */
  static Context keySchedule(int aeadId, byte[] sharedSecret, byte[] info) {
    byte[] suiteId = suiteId(aeadId);
    byte[] context = keyScheduleContext(suiteId, info);
    byte[] secret = Hkdf.labeledExtract(suiteId, sharedSecret, "secret", null);
    return new Context(
        Hkdf.labeledExpand(suiteId, secret, "key", context, keyLength(aeadId)),
        Hkdf.labeledExpand(suiteId, secret, "base_nonce", context, NONCE_LENGTH),
        Hkdf.labeledExpand(suiteId, secret, "exp", context, SECRET_LENGTH));
  }

  /** RFC 9180 §5.1 suite id: "HPKE" || kem_id || kdf_id || aead_id. */
  static byte[] suiteId(int aeadId) {
    return Arrays.concatenate(ascii("HPKE"), i2osp2(KEM_ID), i2osp2(KDF_ID), i2osp2(aeadId));
  }

  /** mode || psk_id_hash || info_hash, for base mode. */
  static byte[] keyScheduleContext(byte[] suiteId, byte[] info) {
    byte[] pskIdHash = Hkdf.labeledExtract(suiteId, null, "psk_id_hash", null);
    byte[] infoHash = Hkdf.labeledExtract(suiteId, null, "info_hash", info);
    return Arrays.concatenate(new byte[] {MODE_BASE}, pskIdHash, infoHash);
  }

  private static byte[] extractAndExpand(byte[] dh, byte[] kemContext) {
    byte[] eaePrk = Hkdf.labeledExtract(KEM_SUITE_ID, null, "eae_prk", dh);
    return Hkdf.labeledExpand(KEM_SUITE_ID, eaePrk, "shared_secret", kemContext, SECRET_LENGTH);
  }

  private static int keyLength(int aeadId) {
    return switch (aeadId) {
      case AEAD_AES_128_GCM -> 16;
      case AEAD_AES_256_GCM -> 32;
      default -> throw new IllegalArgumentException("unsupported HPKE AEAD id " + aeadId);
    };
  }

  private static byte[] i2osp2(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
