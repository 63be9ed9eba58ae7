package io.txnchain.tee.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifier;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class SimEvidenceTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  private static final byte[] MEASUREMENT = filled(32, 0x4d);
  private static final byte[] NONCE = "genesis".getBytes(StandardCharsets.US_ASCII);
  private static final SimPlatform PLATFORM = SimPlatform.of(filled(32, 1), filled(32, 2));
  private static final EnclaveKeys KEYS = keys(3);
  private static final EvidenceVerifiers VERIFIERS = EvidenceVerifiers.builtIn();

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static EnclaveKeys keys(int seed) {
    return new EnclaveKeys(
        Ed25519KeyPair.fromSeed(filled(32, seed)).publicKey(),
        X25519KeyPair.fromPrivateKey(filled(32, seed + 100)).publicKey());
  }

  private static Evidence produce() {
    return new SimEvidenceProvider(PLATFORM, MEASUREMENT).produce(KEYS.reportData(NONCE));
  }

  private static EvidenceClaims verify(Evidence evidence, EvidencePolicy policy)
      throws EvidenceException {
    return VERIFIERS.verify(evidence, policy, KEYS.reportData(NONCE), NOW);
  }

  @Test
  void producedEvidenceVerifiesWhenSimulationIsAllowed() throws Exception {
    Evidence evidence = produce();
    assertThat(evidence.format()).isEqualTo("sim");
    assertThat(evidence.data()).hasSize(168);
    EvidenceClaims claims = verify(evidence, EvidencePolicy.allowingSimulated());
    assertThat(claims.format()).isEqualTo("sim");
    assertThat(claims.simulated()).isTrue();
    assertThat(claims.measurement()).isEqualTo(MEASUREMENT);
    assertThat(claims.reportData()).isEqualTo(KEYS.reportData(NONCE));
    assertThat(claims.tcb()).contains(Hex.toHexString(PLATFORM.attestationPublicKey()));
  }

  @Test
  void layoutIsMagicMeasurementReportDataPlatformKeySignature() throws Exception {
    byte[] data = produce().data();
    assertThat(Arrays.copyOfRange(data, 0, 8)).isEqualTo("TXSIMEV1".getBytes());
    assertThat(Arrays.copyOfRange(data, 8, 40)).isEqualTo(MEASUREMENT);
    assertThat(Arrays.copyOfRange(data, 40, 72)).isEqualTo(KEYS.reportData(NONCE));
    assertThat(Arrays.copyOfRange(data, 72, 104)).isEqualTo(PLATFORM.attestationPublicKey());
    SimEvidence decoded = SimEvidence.decode(data);
    assertThat(decoded.encode()).isEqualTo(data);
  }

  @Test
  void strictPolicyRefusesSimulatedEvidence() {
    assertThatThrownBy(() -> verify(produce(), EvidencePolicy.strict()))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("SIMULATED");
  }

  @Test
  void reportDataOfAnotherKeyOrNonceIsRefused() {
    Evidence evidence = produce();
    assertThatThrownBy(
            () ->
                VERIFIERS.verify(
                    evidence, EvidencePolicy.allowingSimulated(), keys(4).reportData(NONCE), NOW))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("report data");
    assertThatThrownBy(
            () ->
                VERIFIERS.verify(
                    evidence,
                    EvidencePolicy.allowingSimulated(),
                    KEYS.reportData("other".getBytes(StandardCharsets.US_ASCII)),
                    NOW))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("report data");
  }

  @Test
  void reportDataBindsBothKeysAndTheNonce() {
    byte[] base = KEYS.reportData(NONCE);
    EnclaveKeys otherEncryption = new EnclaveKeys(KEYS.identityKey(), keys(4).encryptionKey());
    EnclaveKeys otherIdentity = new EnclaveKeys(keys(4).identityKey(), KEYS.encryptionKey());
    assertThat(otherEncryption.reportData(NONCE)).isNotEqualTo(base);
    assertThat(otherIdentity.reportData(NONCE)).isNotEqualTo(base);
    assertThat(KEYS.reportData(new byte[0])).isNotEqualTo(base);
    assertThat(keys(3).reportData(NONCE)).isEqualTo(base);
  }

  @Test
  void aFlippedByteAnywhereIsRefused() {
    byte[] data = produce().data();
    for (int i = 0; i < data.length; i++) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] bad = data.clone();
        bad[i] ^= (byte) mask;
        String expected = i < 8 ? "magic" : "signature does not verify";
        assertThatThrownBy(
                () -> verify(new Evidence("sim", bad), EvidencePolicy.allowingSimulated()))
            .as("byte %d mask %x", i, mask)
            .isInstanceOf(EvidenceException.class)
            .hasMessageContaining(expected);
      }
    }
  }

  @Test
  void evidenceReSignedByAnotherPlatformStillVerifiesButNamesThatPlatform() throws Exception {
    SimPlatform other = SimPlatform.of(filled(32, 9), filled(32, 2));
    EvidenceClaims claims =
        verify(
            new SimEvidenceProvider(other, MEASUREMENT).produce(KEYS.reportData(NONCE)),
            EvidencePolicy.allowingSimulated());
    assertThat(claims.simulated()).isTrue();
    assertThat(claims.tcb()).contains(Hex.toHexString(other.attestationPublicKey()));
  }

  @Test
  void wrongLengthsAreRefused() {
    byte[] data = produce().data();
    for (int length : new int[] {0, 8, 167, 169, 336}) {
      byte[] bad = Arrays.copyOf(data, length);
      assertThatThrownBy(() -> verify(new Evidence("sim", bad), EvidencePolicy.allowingSimulated()))
          .as("length %d", length)
          .isInstanceOf(EvidenceException.class)
          .hasMessageContaining("168 bytes");
    }
  }

  @Test
  void unknownFormatsAreRefused() {
    Evidence sgx = new Evidence("sgx-dcap", produce().data());
    assertThatThrownBy(() -> verify(sgx, EvidencePolicy.allowingSimulated()))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("unknown evidence format 'sgx-dcap'");
  }

  @Test
  void measurementAllowListAcceptsListedAndRefusesOthers() throws Exception {
    String mine = Hex.toHexString(MEASUREMENT);
    String other = Hex.toHexString(filled(32, 0x4e));
    EvidencePolicy allowsMine =
        EvidencePolicy.allowingSimulated().withMeasurements(Set.of(other, mine));
    assertThat(verify(produce(), allowsMine).measurement()).isEqualTo(MEASUREMENT);

    EvidencePolicy allowsOther = EvidencePolicy.allowingSimulated().withMeasurements(Set.of(other));
    assertThatThrownBy(() -> verify(produce(), allowsOther))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("measurement " + mine + " is not in the allowed list");
  }

  @Test
  void anUpperCaseAllowListEntryStillMatches() throws Exception {
    EvidencePolicy policy =
        EvidencePolicy.allowingSimulated()
            .withMeasurements(Set.of(Hex.toHexString(MEASUREMENT).toUpperCase()));
    assertThat(verify(produce(), policy).simulated()).isTrue();
  }

  @Test
  void strictPolicyAcceptsHardwareClaimsFromARegisteredVerifier() throws Exception {
    EvidenceVerifier hardware =
        new EvidenceVerifier() {
          @Override
          public String format() {
            return "test-hw";
          }

          @Override
          public EvidenceClaims verify(byte[] data, Instant now) {
            return new EvidenceClaims("test-hw", false, MEASUREMENT, data, "test tcb");
          }
        };
    EvidenceVerifiers verifiers = EvidenceVerifiers.builtIn().register(hardware);
    byte[] reportData = KEYS.reportData(NONCE);
    EvidenceClaims claims =
        verifiers.verify(
            new Evidence("test-hw", reportData), EvidencePolicy.strict(), reportData, NOW);
    assertThat(claims.simulated()).isFalse();
    // The built-in set is not changed by registering on another instance.
    assertThatThrownBy(
            () ->
                EvidenceVerifiers.builtIn()
                    .verify(
                        new Evidence("test-hw", reportData),
                        EvidencePolicy.strict(),
                        reportData,
                        NOW))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("unknown evidence format");
  }

  @Test
  void providerRefusesBadLengths() {
    assertThatThrownBy(() -> new SimEvidenceProvider(PLATFORM, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    SimEvidenceProvider provider = new SimEvidenceProvider(PLATFORM, MEASUREMENT);
    assertThat(provider.format()).isEqualTo("sim");
    assertThatThrownBy(() -> provider.produce(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
