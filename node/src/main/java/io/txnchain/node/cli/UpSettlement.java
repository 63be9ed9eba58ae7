package io.txnchain.node.cli;

import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.app.TokenSpec;
import io.txnchain.settlement.launch.SettlementLauncher;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code up --settlement dev|URL}: the chain side of a local network (docs/settlement.md). Before
 * the nodes start, the contracts are deployed (or found) and {@link #nodeConfig()} is what every
 * node needs; once node 0 is ready, the enclave's signer is registered and the bridge runs in this
 * process until it stops.
 */
final class UpSettlement implements AutoCloseable {
  private final SettlementLauncher launcher;

  private UpSettlement(SettlementLauncher launcher) {
    this.launcher = launcher;
  }

  /** Deploys or finds the contracts on {@code spec} ({@code dev} or a JSON-RPC URL). */
  static UpSettlement prepare(String spec, Path data) throws Exception {
    Map<String, Integer> tokens = new TreeMap<>();
    for (TokenSpec t : DexConfig.devNetwork("txnchain-dev").tokens()) {
      tokens.put(t.symbol(), t.decimals());
    }
    return new UpSettlement(SettlementLauncher.prepare(spec, data, tokens, System.getenv()));
  }

  /** The {@code settlement.*} keys for every node. */
  Map<String, String> nodeConfig() throws Exception {
    return launcher.nodeConfig();
  }

  /** Registers the signer (simulated evidence accepted: a local network) and starts the bridge. */
  void connect(String nodeUrl) throws Exception {
    launcher.connect(nodeUrl, true);
  }

  /** What the ready line says about the chain. */
  String describe() {
    return " settlement=" + launcher.rpcUrl() + " contract=" + launcher.contract();
  }

  @Override
  public void close() {
    launcher.close();
  }
}
