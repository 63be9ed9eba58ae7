package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import io.txnchain.tee.app.AppRejectedException;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Governance as the genesis configuration sets it up: the first members and the first policy. Every
 * node of a network must be started with the same genesis, as with the chain id; the ledger keeps
 * the values only once governance changes them.
 *
 * @param members checksummed addresses of the first members
 * @param policy the first admission policy
 */
public record Genesis(SortedSet<String> members, Policy policy) {

  /** Parses and checksums the member addresses. */
  public Genesis {
    TreeSet<String> m = new TreeSet<>();
    for (String a : members) {
      m.add(checksummed(a));
    }
    members = Collections.unmodifiableSortedSet(m);
  }

  /** Genesis from configuration values: member addresses and the policy fields. */
  public static Genesis of(
      List<String> members,
      boolean allowSimulated,
      boolean autoAdmit,
      List<String> allowedMeasurements) {
    return new Genesis(
        new TreeSet<>(members), Policy.of(allowSimulated, autoAdmit, allowedMeasurements));
  }

  /**
   * Genesis whose attestation policy is given whole, as the canonical JSON that {@code
   * set_attestation_policy} and {@code attest verify --policy} take (e.g. a production network that
   * admits only hardware nodes at given TCB levels from its first block).
   *
   * @throws IllegalArgumentException with the precise reason when the policy is malformed or no
   *     node could ever pass it
   */
  public static Genesis withAttestationPolicy(
      List<String> members, boolean autoAdmit, String attestationPolicyJson) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(attestationPolicyJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("the attestation policy is not JSON: " + e.getMessage());
    }
    if (json == null) {
      throw new IllegalArgumentException("the attestation policy is empty");
    }
    try {
      return new Genesis(
          new TreeSet<>(members), new Policy(autoAdmit, AttestationPolicies.parse(json)));
    } catch (AppRejectedException e) {
      throw new IllegalArgumentException("the attestation policy is refused: " + e.getMessage());
    }
  }

  static String checksummed(String address) {
    try {
      return EthAddress.parse(address).toChecksumHex();
    } catch (CryptoException e) {
      throw new IllegalArgumentException("not an Ethereum address: " + address, e);
    }
  }
}
