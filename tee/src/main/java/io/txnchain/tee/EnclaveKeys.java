package io.txnchain.tee;

import io.txnchain.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The public keys of one enclave: the Ed25519 identity key that signs block headers and results,
 * and the X25519 key that clients seal payloads to. Evidence binds both through {@link
 * #reportData(byte[])}.
 */
public record EnclaveKeys(byte[] identityKey, byte[] encryptionKey) {
  private static final byte[] REPORT_DATA_DOMAIN =
      "txnchain/report-data/v1".getBytes(StandardCharsets.US_ASCII);

  public EnclaveKeys {
    if (identityKey.length != 32 || encryptionKey.length != 32) {
      throw new IllegalArgumentException("enclave keys are 32 bytes each");
    }
    identityKey = identityKey.clone();
    encryptionKey = encryptionKey.clone();
  }

  @Override
  public byte[] identityKey() {
    return identityKey.clone();
  }

  @Override
  public byte[] encryptionKey() {
    return encryptionKey.clone();
  }

  /**
   * The 32 bytes a TEE report must carry to bind these keys to the measured code: SHA-256 over a
   * domain tag, both keys and the verifier's nonce. A fresh nonce proves the evidence is not a
   * replay; a fixed one (such as the genesis hash) lets anyone check it offline later.
   */
  public byte[] reportData(byte[] nonce) {
    return Hashes.sha256(REPORT_DATA_DOMAIN, identityKey, encryptionKey, nonce);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnclaveKeys k
        && Arrays.equals(identityKey, k.identityKey)
        && Arrays.equals(encryptionKey, k.encryptionKey);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(identityKey) + Arrays.hashCode(encryptionKey);
  }

  @Override
  public String toString() {
    return "EnclaveKeys[identity="
        + org.bouncycastle.util.encoders.Hex.toHexString(identityKey)
        + ", encryption="
        + org.bouncycastle.util.encoders.Hex.toHexString(encryptionKey)
        + "]";
  }
}
