package io.txnchain.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 12-byte nonce and the 16-byte tag appended to the ciphertext. A key must never
 * be used twice with the same nonce.
 */
public final class AesGcm {
  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;

  /** Nonce length in bytes. */
  public static final int NONCE_LENGTH = 12;

  /** Authentication tag length in bytes. */
  public static final int TAG_LENGTH = 16;

  private AesGcm() {}

  /** Encrypts and returns {@code ciphertext || tag}; a {@code null} aad means empty. */
  public static byte[] encrypt(byte[] key32, byte[] nonce12, byte[] aad, byte[] plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    try {
      return cipher(Cipher.ENCRYPT_MODE, key32, nonce12, aad).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      // Encryption computes the tag and never checks one.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts {@code ciphertext || tag}; throws {@link CryptoException} if the input is shorter than
   * a tag or the tag does not authenticate key, nonce, aad and ciphertext.
   */
  public static byte[] decrypt(byte[] key32, byte[] nonce12, byte[] aad, byte[] ciphertextAndTag)
      throws CryptoException {
    Objects.requireNonNull(ciphertextAndTag, "ciphertextAndTag");
    if (ciphertextAndTag.length < TAG_LENGTH) {
      throw new CryptoException(
          "AES-GCM ciphertext is "
              + ciphertextAndTag.length
              + " bytes, shorter than the "
              + TAG_LENGTH
              + "-byte tag");
    }
    try {
      return cipher(Cipher.DECRYPT_MODE, key32, nonce12, aad).doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new CryptoException("AES-GCM authentication failed", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  // The JDK's AES-GCM uses AES-NI and carry-less multiply: 20-35x BouncyCastle's here
  // (BENCHMARKS.md). A Cipher is cheap to create and not thread-safe, so one per call.
  private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nonce, "nonce");
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "AES-256-GCM key must be " + KEY_LENGTH + " bytes, got " + key.length);
    }
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "AES-GCM nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    if (aad != null && aad.length > 0) {
      cipher.updateAAD(aad);
    }
    return cipher;
  }
}
