package io.txnchain.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.client.testing.TestEnclave;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SealerTest {
  private final SecureRandom random = new SecureRandom();
  private final TestEnclave enclave = new TestEnclave(random);
  private final List<byte[]> nonces = new ArrayList<>();

  private Sealer sealer(Sealer.EvidenceSource source) {
    return new Sealer(source, EvidenceVerifiers.builtIn(), random, Clock.systemUTC());
  }

  private Sealer honest(boolean declareSimulated) {
    return sealer(
        nonce -> {
          nonces.add(nonce);
          return enclave.nodeEvidence(nonce, declareSimulated);
        });
  }

  @Test
  void acceptsSimulatedEvidenceWhenAllowedAndSendsAFreshNonceEachTime() {
    Sealer sealer = honest(true);

    AttestedEnclave first = sealer.attest(EvidencePolicy.allowingSimulated());
    sealer.attest(EvidencePolicy.allowingSimulated());

    assertThat(first.simulated()).isTrue();
    assertThat(first.keys()).isEqualTo(enclave.keys());
    assertThat(first.claims().measurement()).isEqualTo(enclave.measurement);
    assertThat(nonces).hasSize(2);
    assertThat(nonces.get(0)).hasSize(32).isNotEqualTo(nonces.get(1));
  }

  @Test
  void refusesSimulatedEvidenceUnlessAllowed() {
    assertThatThrownBy(() -> honest(true).attest(EvidencePolicy.strict()))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("SIMULATED");
  }

  @Test
  void aNodeThatClaimsHardwareCannotTalkThePolicyIntoSimulation() {
    Sealer sealer = honest(false);

    assertThatThrownBy(
            () ->
                sealer.attest(
                    reported ->
                        reported.simulated()
                            ? EvidencePolicy.allowingSimulated()
                            : EvidencePolicy.strict()))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("SIMULATED");
  }

  @Test
  void refusesReplayedEvidenceMadeForAnotherNonce() {
    byte[] stale = new byte[32];
    Sealer sealer = sealer(nonce -> enclave.nodeEvidence(stale, true));

    assertThatThrownBy(() -> sealer.attest(EvidencePolicy.allowingSimulated()))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("report data");
  }

  @Test
  void refusesAnEncryptionKeyTheEvidenceDoesNotBind() {
    byte[] hostKey = io.txnchain.crypto.X25519KeyPair.generate(random).publicKey();
    Sealer sealer =
        sealer(
            nonce -> {
              NodeEvidence e = enclave.nodeEvidence(nonce, true);
              return new NodeEvidence(
                  e.teeType(),
                  e.simulated(),
                  e.measurement(),
                  e.identityKey(),
                  hostKey,
                  e.nonce(),
                  e.format(),
                  e.data());
            });

    assertThatThrownBy(() -> sealer.attest(EvidencePolicy.allowingSimulated()))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("report data");
  }

  @Test
  void refusesAMeasurementOutsideThePolicy() {
    EvidencePolicy policy =
        EvidencePolicy.allowingSimulated().withMeasurements(Set.of("00".repeat(32)));

    assertThatThrownBy(() -> honest(true).attest(policy))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("not in the allowed list");
  }

  @Test
  void acceptsAPinnedMeasurement() {
    EvidencePolicy policy =
        EvidencePolicy.allowingSimulated()
            .withMeasurements(Set.of(HexFormat.of().formatHex(enclave.measurement)));

    assertThat(honest(true).attest(policy).claims().measurement()).isEqualTo(enclave.measurement);
  }

  @Test
  void sealsSoThatOnlyTheEnclaveOpensItAndOnlyForThisSenderAndClientId() throws Exception {
    Sealer sealer = honest(true);
    AttestedEnclave attested = sealer.attest(EvidencePolicy.allowingSimulated());
    Secp256k1KeyPair sender = Secp256k1KeyPair.generate(random);
    byte[] plaintext = "secret order".getBytes(StandardCharsets.UTF_8);

    byte[] box = sealer.seal(attested, "chain-1", sender, "client-7", plaintext);

    assertThat(
            SealedBox.open(
                enclave.encryption,
                Transaction.payloadInfo("chain-1"),
                Transaction.payloadAad(sender.publicKeyCompressed(), "client-7"),
                box))
        .isEqualTo(plaintext);
    assertThatThrownBy(
            () ->
                SealedBox.open(
                    enclave.encryption,
                    Transaction.payloadInfo("chain-1"),
                    Transaction.payloadAad(sender.publicKeyCompressed(), "client-8"),
                    box))
        .isInstanceOf(SealedBoxException.class);
    assertThatThrownBy(
            () ->
                SealedBox.open(
                    enclave.encryption,
                    Transaction.payloadInfo("chain-2"),
                    Transaction.payloadAad(sender.publicKeyCompressed(), "client-7"),
                    box))
        .isInstanceOf(SealedBoxException.class);
  }
}
