package io.txnchain.settlement.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.settlement.chain.ContractErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A contract as the build compiled it: {@code contracts/NAME.json} on the class path with its ABI
 * and creation bytecode. Absent when the build ran without Node.js.
 */
public record ContractArtifact(String name, JsonNode abi, String bytecode, String compiler) {

  /** The artifact of contract {@code name}, or empty when the contracts were not compiled. */
  public static Optional<ContractArtifact> load(String name) {
    try (InputStream in =
        ContractArtifact.class
            .getClassLoader()
            .getResourceAsStream("contracts/" + name + ".json")) {
      if (in == null) {
        return Optional.empty();
      }
      JsonNode n = new ObjectMapper().readTree(in);
      return Optional.of(
          new ContractArtifact(
              name, n.get("abi"), n.get("bytecode").asText(), n.path("compiler").asText()));
    } catch (IOException e) {
      throw new IllegalStateException("contracts/" + name + ".json is unreadable", e);
    }
  }

  /** The artifact of {@code name}; fails with a message saying how to get it. */
  public static ContractArtifact require(String name) {
    return load(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "contract "
                        + name
                        + " was not compiled: build the settlement module with Node.js and npm"
                        + " installed"));
  }

  /** The custom errors of the ABI. */
  public ContractErrors errors() {
    return new ContractErrors(abi);
  }
}
