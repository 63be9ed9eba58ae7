package io.txnchain.client.cli;

import picocli.CommandLine.Option;

/** {@code --allow-simulated} for commands that always seal (see {@link SealOptions}). */
final class AllowSimulatedOption {
  @Option(
      names = "--allow-simulated",
      description =
          "accept simulated enclave evidence (also accepted, with a warning, from a node that"
              + " declares itself simulated)")
  boolean allowSimulated;
}
