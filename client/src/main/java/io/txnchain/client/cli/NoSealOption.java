package io.txnchain.client.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-seal}: DEX requests that change something are sealed to the enclave by default, so
 * that nobody sees them before their place in the ledger is fixed; {@code --allow-simulated} as in
 * {@link SealOptions}.
 */
final class NoSealOption {
  @Option(
      names = "--no-seal",
      description =
          "send the request in plaintext: anyone (the node's host included) can read it before it"
              + " is executed, and the result is public")
  boolean noSeal;

  @Option(
      names = "--allow-simulated",
      description =
          "accept simulated enclave evidence (also accepted, with a warning, from a node that"
              + " declares itself simulated)")
  boolean allowSimulated;

  boolean seal() {
    return !noSeal;
  }
}
