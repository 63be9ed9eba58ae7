package io.txnchain.client.cli;

import io.txnchain.client.sdk.AttestedEnclave;
import io.txnchain.client.sdk.Sealer;
import io.txnchain.tee.evidence.EvidencePolicy;
import picocli.CommandLine.Option;

/** {@code --seal} and the attestation policy it is checked under. */
final class SealOptions {
  static final String SIMULATED_WARNING =
      "warning: sealing to a SIMULATED enclave (no hardware protection)";

  private final CliContext ctx;

  @Option(names = "--seal", description = "encrypt the payload to the node's attested enclave key")
  boolean seal;

  @Option(
      names = "--allow-simulated",
      description =
          "accept simulated enclave evidence (also accepted, with a warning, from a node that"
              + " declares itself simulated)")
  boolean allowSimulated;

  SealOptions(CliContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Verifies the node's enclave. Simulated evidence passes when the user allowed it or the node
   * itself says it is simulated; a node that claims hardware but shows simulated evidence is
   * refused. Either way, sealing to a simulated enclave is announced on stderr.
   */
  AttestedEnclave attest(Sealer sealer) {
    AttestedEnclave enclave =
        sealer.attest(
            reported ->
                allowSimulated || reported.simulated()
                    ? EvidencePolicy.allowingSimulated()
                    : EvidencePolicy.strict());
    if (enclave.simulated()) {
      ctx.warn(SIMULATED_WARNING);
    }
    return enclave;
  }
}
