package io.txnchain.tee.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.CryptoException;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An enclave joins a network by receiving its keys sealed to the enclave's transport key. */
class NetworkJoinTest {
  private static final byte[] MEASUREMENT = filled(32, 3);
  private static final byte[] NONCE = filled(32, 9);
  private final SecureRandom random = new SecureRandom();
  @TempDir Path dir;

  private static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  private SimEnclave enclave(String name, byte[] measurement) {
    SimPlatform platform = SimPlatform.loadOrCreate(dir.resolve(name + "-platform"), random);
    return SimEnclave.openOrCreate(dir.resolve(name), platform, measurement, random);
  }

  private byte[] share(SimEnclave from, SimEnclave to, EvidencePolicy policy)
      throws EvidenceException {
    return from.shareNetworkKeys(
        to.joinKeys(),
        to.joinEvidence(NONCE),
        NONCE,
        EvidenceVerifiers.builtIn(),
        policy,
        Instant.now());
  }

  private void adopt(SimEnclave genesis, SimEnclave joiner, byte[] box) throws Exception {
    joiner.adoptNetworkKeys(
        box,
        NONCE,
        genesis.keys(),
        genesis.evidence(NONCE),
        genesis.signSharedKeys(box, NONCE),
        EvidenceVerifiers.builtIn(),
        EvidencePolicy.allowingSimulated(),
        Instant.now());
  }

  @Test
  void aJoinerRefusesKeysNotSignedByTheAttestedSharer() throws Exception {
    SimEnclave genesis = enclave("a", MEASUREMENT);
    SimEnclave joiner = enclave("b", MEASUREMENT);
    SimEnclave impostor = enclave("f", MEASUREMENT);
    byte[] box = share(genesis, joiner, EvidencePolicy.allowingSimulated());
    assertThatThrownBy(
            () ->
                joiner.adoptNetworkKeys(
                    box,
                    NONCE,
                    genesis.keys(),
                    genesis.evidence(NONCE),
                    impostor.signSharedKeys(box, NONCE),
                    EvidenceVerifiers.builtIn(),
                    EvidencePolicy.allowingSimulated(),
                    Instant.now()))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("not signed");
    assertThatThrownBy(
            () ->
                joiner.adoptNetworkKeys(
                    box,
                    NONCE,
                    genesis.keys(),
                    genesis.evidence(NONCE),
                    genesis.signSharedKeys(box, NONCE),
                    EvidenceVerifiers.builtIn(),
                    EvidencePolicy.strict(),
                    Instant.now()))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("SIMULATED");
    assertThat(joiner.keys().encryptionKey()).isNotEqualTo(genesis.keys().encryptionKey());
  }

  @Test
  void aJoinedEnclaveHasTheNetworksKeysAndKeepsThemAcrossRestarts() throws Exception {
    SimEnclave genesis = enclave("a", MEASUREMENT);
    SimEnclave joiner = enclave("b", MEASUREMENT);
    assertThat(joiner.keys().encryptionKey()).isNotEqualTo(genesis.keys().encryptionKey());

    adopt(genesis, joiner, share(genesis, joiner, EvidencePolicy.allowingSimulated()));

    assertThat(joiner.keys().encryptionKey()).isEqualTo(genesis.keys().encryptionKey());
    assertThat(joiner.keys().identityKey()).isNotEqualTo(genesis.keys().identityKey());
    assertThat(joiner.deriveNetworkSecret("x", new byte[1], 32))
        .isEqualTo(genesis.deriveNetworkSecret("x", new byte[1], 32));
    SimEnclave reopened = enclave("b", MEASUREMENT);
    assertThat(reopened.keys()).isEqualTo(joiner.keys());
  }

  @Test
  void simulatedJoinersAreRefusedUnlessAllowed() {
    SimEnclave genesis = enclave("a", MEASUREMENT);
    SimEnclave joiner = enclave("b", MEASUREMENT);
    assertThatThrownBy(() -> share(genesis, joiner, EvidencePolicy.strict()))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("SIMULATED");
  }

  @Test
  void otherCodeIsRefused() {
    SimEnclave genesis = enclave("a", MEASUREMENT);
    SimEnclave other = enclave("c", filled(32, 4));
    assertThatThrownBy(() -> share(genesis, other, EvidencePolicy.allowingSimulated()))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("other code");
  }

  @Test
  void evidenceForAnotherNonceOrKeyIsRefused() {
    SimEnclave genesis = enclave("a", MEASUREMENT);
    SimEnclave joiner = enclave("b", MEASUREMENT);
    SimEnclave impostor = enclave("d", MEASUREMENT);
    assertThatThrownBy(
            () ->
                genesis.shareNetworkKeys(
                    impostor.joinKeys(),
                    joiner.joinEvidence(NONCE),
                    NONCE,
                    EvidenceVerifiers.builtIn(),
                    EvidencePolicy.allowingSimulated(),
                    Instant.now()))
        .isInstanceOf(EvidenceException.class);
    assertThatThrownBy(
            () ->
                genesis.shareNetworkKeys(
                    joiner.joinKeys(),
                    joiner.joinEvidence(filled(32, 1)),
                    NONCE,
                    EvidenceVerifiers.builtIn(),
                    EvidencePolicy.allowingSimulated(),
                    Instant.now()))
        .isInstanceOf(EvidenceException.class);
  }

  @Test
  void keysSealedToOneJoinerCannotBeAdoptedByAnother() throws Exception {
    SimEnclave genesis = enclave("a", MEASUREMENT);
    SimEnclave joiner = enclave("b", MEASUREMENT);
    SimEnclave other = enclave("e", MEASUREMENT);
    byte[] box = share(genesis, joiner, EvidencePolicy.allowingSimulated());
    assertThatThrownBy(() -> adopt(genesis, other, box)).isInstanceOf(CryptoException.class);
  }
}
