package io.txnchain.client.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The nodes of a network as one of them sees it: {@code network_status}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkStatus(String chainId, List<Member> nodes) {

  public NetworkStatus {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }

  /**
   * One node.
   *
   * @param role {@code leader} or {@code follower}
   * @param tee the TEE type, such as {@code sim} or {@code sgx-dcap}
   * @param attestation {@code verified}, {@code simulated}, or a failure state
   * @param measurement the enclave measurement, hex
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Member(
      String id,
      String url,
      String role,
      long height,
      String stateRoot,
      String tee,
      String attestation,
      String measurement,
      boolean healthy,
      long uptimeMillis) {}
}
