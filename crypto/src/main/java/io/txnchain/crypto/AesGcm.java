package io.txnchain.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

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
    GCMModeCipher cipher = cipher(true, key32, nonce12, aad);
    byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
    int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      // Encryption computes the tag and never checks one.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
    return out;
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
    GCMModeCipher cipher = cipher(false, key32, nonce12, aad);
    byte[] out = new byte[cipher.getOutputSize(ciphertextAndTag.length)];
    int n = cipher.processBytes(ciphertextAndTag, 0, ciphertextAndTag.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new CryptoException("AES-GCM authentication failed", e);
    }
    return out;
  }

  private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
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
    GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
    cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
    return cipher;
  }
}
