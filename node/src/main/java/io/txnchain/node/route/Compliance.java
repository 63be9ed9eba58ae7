package io.txnchain.node.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.node.attest.NodeAttestation;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationPolicy;
import java.time.Instant;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * Whether a node meets the network's attestation policy now: its evidence over a fresh nonce
 * verifies under the attestation policy governance holds (identities, minimum TCB, accepted TCB
 * statuses, debug, simulation), and binds the keys the node presents. Checked continuously, not
 * only at join, so that a policy change takes nodes out of work-order routing at once.
 */
public final class Compliance {
  private Compliance() {}

  /**
   * Why the evidence in a {@code node_getEvidence} answer fails {@code policy}, or {@code null}
   * when it passes.
   */
  public static String failure(
      JsonNode evidence, byte[] nonce, AttestationPolicy policy, EvidenceVerifiers verifiers) {
    EnclaveKeys keys;
    Evidence e;
    try {
      keys =
          new EnclaveKeys(
              Hex.decode(evidence.path("identityKey").asText()),
              Hex.decode(evidence.path("encryptionKey").asText()));
      e =
          new Evidence(
              evidence.path("format").asText(), Hex.decode(evidence.path("data").asText()));
    } catch (DecoderException | IllegalArgumentException x) {
      return "malformed evidence: " + x.getMessage();
    }
    return failure(keys, e, nonce, policy, verifiers);
  }

  /**
   * Why {@code evidence}, binding {@code keys} and {@code nonce}, fails {@code policy} now, or
   * null.
   */
  public static String failure(
      EnclaveKeys keys,
      Evidence evidence,
      byte[] nonce,
      AttestationPolicy policy,
      EvidenceVerifiers verifiers) {
    return failure(keys.reportData(nonce), evidence, policy, verifiers, Instant.now());
  }

  /**
   * Why {@code evidence}, which must carry {@code binding} in its report data, fails {@code policy}
   * at {@code now}, or null.
   */
  public static String failure(
      byte[] binding,
      Evidence evidence,
      AttestationPolicy policy,
      EvidenceVerifiers verifiers,
      Instant now) {
    try {
      verifiers.verify(evidence, NodeAttestation.commonChecks(policy), binding, now);
      return null;
    } catch (EvidenceException e) {
      return e.getMessage();
    } catch (IllegalArgumentException e) {
      return "malformed evidence: " + e.getMessage();
    }
  }
}
