package io.txnchain.tee.sim;

import io.txnchain.crypto.AesGcm;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.Hkdf;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.tee.Enclave;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.threshold.SecretShare;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;

/**
 * An enclave without hardware protection. It runs the same protocol as a hardware enclave (keys
 * generated inside, sealed to a key derived from platform secret and measurement, evidence binding
 * the keys), so everything above it is exercised; its evidence is marked {@code sim}.
 *
 * <p>Keys persist in {@code enclave.sealed} in the enclave directory, sealed to (platform secret,
 * measurement): a different build cannot open them, as with SGX's MRENCLAVE sealing policy.
 */
public final class SimEnclave implements Enclave {
  static final String KEY_FILE = "enclave.sealed";
  private static final byte[] KEY_FILE_AAD =
      "txnchain/enclave-keys/v1".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] NETWORK_SECRET_SALT =
      "txnchain/network-secret/v1".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] NETWORK_KEYS_INFO =
      "txnchain/network-keys/v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] measurement;
  private final SimEvidenceProvider evidence;
  private final byte[] sealingKey;
  private final Ed25519KeyPair identity;
  private final X25519KeyPair transport;
  private final Path keyFile;
  private volatile X25519KeyPair encryption;
  private volatile byte[] networkSecret;
  private final SecureRandom random;

  private SimEnclave(
      Path keyFile,
      SimPlatform platform,
      byte[] measurement,
      byte[] identitySeed,
      byte[] encryptionKey,
      byte[] networkSecret,
      SecureRandom random) {
    this.measurement = measurement.clone();
    this.evidence = new SimEvidenceProvider(platform, measurement);
    this.sealingKey = sealingKey(platform, measurement);
    this.keyFile = keyFile;
    this.identity = Ed25519KeyPair.fromSeed(identitySeed);
    // Derived, not stored: the transport key only has to outlive one join.
    this.transport =
        X25519KeyPair.derive(
            Hkdf.derive(
                null,
                identitySeed,
                "txnchain/transport-key/v1".getBytes(StandardCharsets.US_ASCII),
                32));
    this.encryption = X25519KeyPair.fromPrivateKey(encryptionKey);
    this.networkSecret = networkSecret.clone();
    this.random = random;
  }

  /**
   * Opens the enclave whose sealed keys are in {@code dir}, or creates one with fresh keys and a
   * fresh network secret.
   *
   * @throws IllegalStateException if the sealed keys exist but were sealed by another platform or
   *     another measurement
   */
  public static SimEnclave openOrCreate(
      Path dir, SimPlatform platform, byte[] measurement, SecureRandom random) {
    Path file = dir.resolve(KEY_FILE);
    byte[] key = sealingKey(platform, measurement);
    try {
      if (Files.exists(file)) {
        byte[] plain;
        try {
          plain = unseal(key, Files.readAllBytes(file), KEY_FILE_AAD);
        } catch (CryptoException e) {
          throw new IllegalStateException(
              "the enclave keys in "
                  + file
                  + " were sealed by another platform or another build (measurement); they cannot"
                  + " be opened by this one",
              e);
        }
        return new SimEnclave(
            file,
            platform,
            measurement,
            Arrays.copyOfRange(plain, 0, 32),
            Arrays.copyOfRange(plain, 32, 64),
            Arrays.copyOfRange(plain, 64, 96),
            random);
      }
      byte[] plain = new byte[96];
      random.nextBytes(plain);
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, KEY_FILE, ".tmp");
      Files.write(tmp, seal(key, plain, KEY_FILE_AAD, random));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return openOrCreate(dir, platform, measurement, random);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the enclave key file in " + dir, e);
    }
  }

  private static byte[] sealingKey(SimPlatform platform, byte[] measurement) {
    return Hkdf.derive(
        measurement,
        platform.secret(),
        "txnchain/sealing-key/v1".getBytes(StandardCharsets.US_ASCII),
        32);
  }

  private static byte[] seal(byte[] key, byte[] plaintext, byte[] aad, SecureRandom random) {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    byte[] ct = AesGcm.encrypt(key, nonce, aad, plaintext);
    byte[] out = Arrays.copyOf(nonce, 12 + ct.length);
    System.arraycopy(ct, 0, out, 12, ct.length);
    return out;
  }

  private static byte[] unseal(byte[] key, byte[] sealed, byte[] aad) throws CryptoException {
    if (sealed.length < 12 + 16) {
      throw new CryptoException("sealed data is too short");
    }
    return AesGcm.decrypt(
        key, Arrays.copyOf(sealed, 12), aad, Arrays.copyOfRange(sealed, 12, sealed.length));
  }

  @Override
  public String teeType() {
    return SimEvidence.FORMAT;
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public byte[] measurement() {
    return measurement.clone();
  }

  @Override
  public EnclaveKeys keys() {
    return new EnclaveKeys(identity.publicKey(), encryption.publicKey());
  }

  @Override
  public Evidence evidence(byte[] nonce) {
    return evidence.produce(keys().reportData(nonce));
  }

  @Override
  public EnclaveKeys joinKeys() {
    return new EnclaveKeys(identity.publicKey(), transport.publicKey());
  }

  @Override
  public Evidence joinEvidence(byte[] nonce) {
    return evidence.produce(joinKeys().reportData(nonce));
  }

  @Override
  public byte[] shareNetworkKeys(
      EnclaveKeys joiner,
      Evidence joinerEvidence,
      byte[] nonce,
      EvidenceVerifiers verifiers,
      EvidencePolicy policy,
      Instant now)
      throws EvidenceException {
    EvidenceClaims claims = verifiers.verify(joinerEvidence, policy, joiner.reportData(nonce), now);
    if (!MessageDigest.isEqual(claims.measurement(), measurement)) {
      throw new EvidenceException(
          "the joining enclave runs other code (measurement "
              + org.bouncycastle.util.encoders.Hex.toHexString(claims.measurement())
              + ") than this network");
    }
    byte[] keys = new byte[64];
    System.arraycopy(encryption.privateKey(), 0, keys, 0, 32);
    System.arraycopy(networkSecret, 0, keys, 32, 32);
    return SealedBox.seal(
        joiner.encryptionKey(), NETWORK_KEYS_INFO, joiner.identityKey(), keys, random);
  }

  @Override
  public byte[] signSharedKeys(byte[] sealedKeys, byte[] nonce) {
    return identity.sign(io.txnchain.crypto.Hashes.sha256(sealedKeys, nonce));
  }

  @Override
  public synchronized void adoptNetworkKeys(
      byte[] sealedKeys,
      byte[] nonce,
      EnclaveKeys sharer,
      Evidence sharerEvidence,
      byte[] sharerSignature,
      EvidenceVerifiers verifiers,
      EvidencePolicy policy,
      Instant now)
      throws CryptoException, EvidenceException {
    EvidenceClaims claims = verifiers.verify(sharerEvidence, policy, sharer.reportData(nonce), now);
    if (!MessageDigest.isEqual(claims.measurement(), measurement)) {
      throw new EvidenceException("the sharing enclave runs other code than this one");
    }
    if (!io.txnchain.crypto.Ed25519.verify(
        sharer.identityKey(),
        io.txnchain.crypto.Hashes.sha256(sealedKeys, nonce),
        sharerSignature)) {
      throw new EvidenceException("the network keys are not signed by the attested sharer");
    }
    byte[] keys = SealedBox.open(transport, NETWORK_KEYS_INFO, identity.publicKey(), sealedKeys);
    if (keys.length != 64) {
      throw new CryptoException("network keys must be 64 bytes");
    }
    X25519KeyPair received = X25519KeyPair.fromPrivateKey(Arrays.copyOfRange(keys, 0, 32));
    if (!MessageDigest.isEqual(received.publicKey(), sharer.encryptionKey())) {
      throw new EvidenceException("the received encryption key is not the sharer's attested one");
    }
    install(keys);
  }

  @Override
  public List<byte[]> splitNetworkKeys(List<byte[]> recipients, int threshold) {
    if (threshold < 1 || threshold > recipients.size() || recipients.size() > 255) {
      throw new IllegalArgumentException(
          "threshold must be 1.." + recipients.size() + " of at most 255 shares");
    }
    byte[] keys = new byte[64];
    System.arraycopy(encryption.privateKey(), 0, keys, 0, 32);
    System.arraycopy(networkSecret, 0, keys, 32, 32);
    ShamirSecretSplitter splitter =
        new ShamirSecretSplitter(
            ShamirSecretSplitter.Algorithm.AES,
            ShamirSecretSplitter.Mode.Table,
            keys.length,
            random);
    SecretShare[] shares = splitter.resplit(keys, threshold, recipients.size()).getSecretShares();
    List<byte[]> sealed = new java.util.ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      byte[] data;
      try {
        data = shares[i].getEncoded();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] share = new byte[1 + data.length];
      share[0] = (byte) (i + 1);
      System.arraycopy(data, 0, share, 1, data.length);
      sealed.add(
          SealedBox.seal(recipients.get(i), RECOVERY_SHARE_INFO, recipients.get(i), share, random));
    }
    return sealed;
  }

  @Override
  public synchronized void recoverNetworkKeys(
      List<byte[]> sealedShares, byte[] expectedEncryptionKey) throws CryptoException {
    ShamirSplitSecretShare[] shares = new ShamirSplitSecretShare[sealedShares.size()];
    for (int i = 0; i < shares.length; i++) {
      byte[] share =
          SealedBox.open(
              transport, RECOVERY_TRANSFER_INFO, identity.publicKey(), sealedShares.get(i));
      if (share.length != 65 || share[0] == 0) {
        throw new CryptoException("a recovery share must be an index and 64 bytes");
      }
      shares[i] = new ShamirSplitSecretShare(Arrays.copyOfRange(share, 1, 65), share[0] & 0xff);
    }
    byte[] keys;
    try {
      keys =
          new ShamirSplitSecret(
                  ShamirSecretSplitter.Algorithm.AES, ShamirSecretSplitter.Mode.Table, shares)
              .getSecret();
    } catch (IOException | RuntimeException e) {
      throw new CryptoException("the recovery shares do not combine: " + e.getMessage());
    }
    if (keys.length != 64
        || !MessageDigest.isEqual(
            X25519KeyPair.fromPrivateKey(Arrays.copyOfRange(keys, 0, 32)).publicKey(),
            expectedEncryptionKey)) {
      throw new CryptoException(
          "the recovery shares do not combine to this network's keys: too few shares, or shares"
              + " from different splits");
    }
    install(keys);
  }

  /** Persists and adopts the network keys (encryption key ‖ network secret). */
  private void install(byte[] keys) {
    byte[] plain = new byte[96];
    System.arraycopy(identity.seed(), 0, plain, 0, 32);
    System.arraycopy(keys, 0, plain, 32, 64);
    try {
      Path tmp = Files.createTempFile(keyFile.getParent(), KEY_FILE, ".tmp");
      Files.write(tmp, seal(sealingKey, plain, KEY_FILE_AAD, random));
      Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the network keys", e);
    }
    encryption = X25519KeyPair.fromPrivateKey(Arrays.copyOfRange(keys, 0, 32));
    networkSecret = Arrays.copyOfRange(keys, 32, 64);
  }

  @Override
  public byte[] sign(byte[] message) {
    return identity.sign(message);
  }

  @Override
  public byte[] open(byte[] box, byte[] info, byte[] aad) throws SealedBoxException {
    return SealedBox.open(encryption, info, aad, box);
  }

  @Override
  public byte[] deriveNetworkSecret(String label, byte[] context, int length) {
    // The label and context go into HKDF's info, length-prefixed, so that no two (label,
    // context) pairs share an info string; the salt is a fixed domain tag.
    byte[] labelBytes = ("txnchain/" + label).getBytes(StandardCharsets.UTF_8);
    byte[] info =
        java.nio.ByteBuffer.allocate(8 + labelBytes.length + context.length)
            .putInt(labelBytes.length)
            .put(labelBytes)
            .putInt(context.length)
            .put(context)
            .array();
    return Hkdf.derive(NETWORK_SECRET_SALT, networkSecret, info, length);
  }

  @Override
  public byte[] sealForStorage(byte[] plaintext, byte[] aad) {
    return seal(sealingKey, plaintext, aad, random);
  }

  @Override
  public byte[] unsealFromStorage(byte[] sealed, byte[] aad) throws CryptoException {
    return unseal(sealingKey, sealed, aad);
  }
}
