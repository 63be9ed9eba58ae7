package io.txnchain.tee.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Ed25519;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimEnclaveTest {
  private static final byte[] MEASUREMENT = filled(32, 0x11);
  private static final byte[] AAD = utf8("storage/v1");
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static SimPlatform platform(int secret) {
    return SimPlatform.of(filled(32, 1), filled(32, secret));
  }

  private SimEnclave open(SimPlatform platform, byte[] measurement) {
    return SimEnclave.openOrCreate(dir.resolve("enclave"), platform, measurement, RANDOM);
  }

  @Test
  void describesItselfAsSimulated() {
    SimEnclave enclave = open(platform(2), MEASUREMENT);
    assertThat(enclave.teeType()).isEqualTo("sim");
    assertThat(enclave.simulated()).isTrue();
    assertThat(enclave.measurement()).isEqualTo(MEASUREMENT);
  }

  @Test
  void keysAndNetworkSecretPersistAcrossOpens() throws Exception {
    SimEnclave first = open(platform(2), MEASUREMENT);
    assertThat(dir.resolve("enclave").resolve(SimEnclave.KEY_FILE)).exists();
    byte[] sealed = first.sealForStorage(utf8("state"), AAD);

    SimEnclave second = open(platform(2), MEASUREMENT);
    assertThat(second.keys()).isEqualTo(first.keys());
    assertThat(second.deriveNetworkSecret("x", utf8("c"), 32))
        .isEqualTo(first.deriveNetworkSecret("x", utf8("c"), 32));
    assertThat(second.unsealFromStorage(sealed, AAD)).isEqualTo(utf8("state"));
    try (var files = Files.list(dir.resolve("enclave"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SimEnclave.KEY_FILE);
    }
  }

  @Test
  void separateDirectoriesGetSeparateKeys() {
    SimEnclave a = SimEnclave.openOrCreate(dir.resolve("a"), platform(2), MEASUREMENT, RANDOM);
    SimEnclave b = SimEnclave.openOrCreate(dir.resolve("b"), platform(2), MEASUREMENT, RANDOM);
    assertThat(a.keys()).isNotEqualTo(b.keys());
    assertThat(a.deriveNetworkSecret("x", utf8("c"), 32))
        .isNotEqualTo(b.deriveNetworkSecret("x", utf8("c"), 32));
  }

  @Test
  void anotherMeasurementCannotOpenTheKeys() {
    open(platform(2), MEASUREMENT);
    assertThatThrownBy(() -> open(platform(2), filled(32, 0x12)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SimEnclave.KEY_FILE)
        .hasMessageContaining("another platform or another build")
        .hasCauseInstanceOf(CryptoException.class);
  }

  @Test
  void anotherPlatformSecretCannotOpenTheKeys() {
    open(platform(2), MEASUREMENT);
    assertThatThrownBy(() -> open(platform(3), MEASUREMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another platform or another build");
  }

  @Test
  void aCorruptKeyFileIsReported() throws Exception {
    open(platform(2), MEASUREMENT);
    Path file = dir.resolve("enclave").resolve(SimEnclave.KEY_FILE);
    Files.write(file, new byte[10]);
    assertThatThrownBy(() -> open(platform(2), MEASUREMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void storageSealingRoundTripsAndUsesFreshNonces() throws Exception {
    SimEnclave enclave = open(platform(2), MEASUREMENT);
    for (byte[] plain : new byte[][] {new byte[0], utf8("hello"), filled(5000, 7)}) {
      byte[] a = enclave.sealForStorage(plain, AAD);
      byte[] b = enclave.sealForStorage(plain, AAD);
      assertThat(a).hasSize(12 + plain.length + 16).isNotEqualTo(b);
      assertThat(enclave.unsealFromStorage(a, AAD)).isEqualTo(plain);
      assertThat(enclave.unsealFromStorage(b, AAD)).isEqualTo(plain);
    }
  }

  @Test
  void storageSealingRefusesWrongAadTamperingAndTruncation() {
    SimEnclave enclave = open(platform(2), MEASUREMENT);
    byte[] sealed = enclave.sealForStorage(utf8("balance=10"), AAD);
    assertThatThrownBy(() -> enclave.unsealFromStorage(sealed, utf8("storage/v2")))
        .isInstanceOf(CryptoException.class);
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 1;
      assertThatThrownBy(() -> enclave.unsealFromStorage(bad, AAD))
          .as("byte %d", i)
          .isInstanceOf(CryptoException.class);
    }
    for (int length : new int[] {0, 12, 27, sealed.length - 1}) {
      byte[] bad = Arrays.copyOf(sealed, length);
      assertThatThrownBy(() -> enclave.unsealFromStorage(bad, AAD))
          .as("length %d", length)
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void storageSealsAreBoundToMeasurementAndPlatform() {
    byte[] sealed =
        SimEnclave.openOrCreate(dir.resolve("a"), platform(2), MEASUREMENT, RANDOM)
            .sealForStorage(utf8("x"), AAD);
    SimEnclave otherBuild =
        SimEnclave.openOrCreate(dir.resolve("b"), platform(2), filled(32, 0x12), RANDOM);
    SimEnclave otherPlatform =
        SimEnclave.openOrCreate(dir.resolve("c"), platform(3), MEASUREMENT, RANDOM);
    assertThatThrownBy(() -> otherBuild.unsealFromStorage(sealed, AAD))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> otherPlatform.unsealFromStorage(sealed, AAD))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void networkSecretsAreDeterministicPerLabelAndContext() {
    SimEnclave enclave = open(platform(2), MEASUREMENT);
    byte[] a = enclave.deriveNetworkSecret("result-seal", utf8("tx-1"), 32);
    assertThat(a).hasSize(32);
    assertThat(enclave.deriveNetworkSecret("result-seal", utf8("tx-1"), 32)).isEqualTo(a);
    assertThat(enclave.deriveNetworkSecret("state-root-mac", utf8("tx-1"), 32)).isNotEqualTo(a);
    assertThat(enclave.deriveNetworkSecret("result-seal", utf8("tx-2"), 32)).isNotEqualTo(a);
    assertThat(enclave.deriveNetworkSecret("result-seal", utf8("tx-1"), 64)).hasSize(64);
    assertThat(enclave.deriveNetworkSecret("result-seal", utf8("tx-1"), 16)).hasSize(16);
  }

  @Test
  void evidenceBindsTheEnclaveKeysAndNonce() throws Exception {
    SimEnclave enclave = open(platform(2), MEASUREMENT);
    byte[] nonce = utf8("nonce-1");
    EvidenceVerifiers verifiers = EvidenceVerifiers.builtIn();
    EvidenceClaims claims =
        verifiers.verify(
            enclave.evidence(nonce),
            EvidencePolicy.allowingSimulated(),
            enclave.keys().reportData(nonce),
            Instant.now());
    assertThat(claims.measurement()).isEqualTo(MEASUREMENT);
    assertThat(claims.simulated()).isTrue();

    assertThatThrownBy(
            () ->
                verifiers.verify(
                    enclave.evidence(nonce),
                    EvidencePolicy.allowingSimulated(),
                    enclave.keys().reportData(utf8("nonce-2")),
                    Instant.now()))
        .isInstanceOf(EvidenceException.class);
    EnclaveKeys other =
        SimEnclave.openOrCreate(dir.resolve("other"), platform(2), MEASUREMENT, RANDOM).keys();
    assertThatThrownBy(
            () ->
                verifiers.verify(
                    enclave.evidence(nonce),
                    EvidencePolicy.allowingSimulated(),
                    other.reportData(nonce),
                    Instant.now()))
        .isInstanceOf(EvidenceException.class);
  }

  @Test
  void signaturesVerifyUnderTheIdentityKey() {
    SimEnclave enclave = open(platform(2), MEASUREMENT);
    byte[] message = utf8("block header");
    byte[] signature = enclave.sign(message);
    assertThat(Ed25519.verify(enclave.keys().identityKey(), message, signature)).isTrue();
    assertThat(Ed25519.verify(enclave.keys().identityKey(), utf8("other"), signature)).isFalse();
  }

  @Test
  void opensBoxesSealedToItsEncryptionKey() throws Exception {
    SimEnclave enclave = open(platform(2), MEASUREMENT);
    byte[] info = utf8("txnchain/tx-payload/v1");
    byte[] aad = utf8("sender");
    byte[] box =
        SealedBox.seal(enclave.keys().encryptionKey(), info, aad, utf8("secret input"), RANDOM);
    assertThat(enclave.open(box, info, aad)).isEqualTo(utf8("secret input"));
    assertThat(open(platform(2), MEASUREMENT).open(box, info, aad)).isEqualTo(utf8("secret input"));
    assertThatThrownBy(() -> enclave.open(box, info, utf8("other")))
        .isInstanceOf(SealedBoxException.class);
    SimEnclave stranger =
        SimEnclave.openOrCreate(dir.resolve("stranger"), platform(2), MEASUREMENT, RANDOM);
    assertThatThrownBy(() -> stranger.open(box, info, aad))
        .isInstanceOf(SealedBoxException.class)
        .extracting(e -> ((SealedBoxException) e).reason())
        .isEqualTo(SealedBoxException.Reason.WRONG_RECIPIENT);
  }
}
