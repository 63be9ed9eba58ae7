package io.txnchain.settlement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.ChainException;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.ContractArtifact;
import io.txnchain.settlement.devnode.AnvilNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/**
 * The chain a test runs against: anvil from this module's node_modules on a free loopback port, or
 * the JSON-RPC endpoint named by {@code -Dtxnchain.settlement.rpc=URL} (with funded keys in {@code
 * -Dtxnchain.settlement.keys=0x..,0x..}, default anvil's development keys). Tests are skipped, with
 * a message saying why, when the contracts were not compiled or no node is available.
 */
public final class TestChain implements AutoCloseable {
  /** System property: a JSON-RPC URL to test against instead of a fresh anvil. */
  public static final String RPC_PROPERTY = "txnchain.settlement.rpc";

  private final AnvilNode anvil;
  private final ChainClient client;
  private final long chainId;
  private final List<String> keys;

  private TestChain(AnvilNode anvil, ChainClient client, long chainId, List<String> keys) {
    this.anvil = anvil;
    this.client = client;
    this.chainId = chainId;
    this.keys = keys;
  }

  /** Starts (or connects to) the chain; skips the test when that is impossible here. */
  public static TestChain start(int blockTimeSeconds) throws IOException, ChainException {
    assumeTrue(
        ContractArtifact.load("Settlement").isPresent(),
        "settlement contracts were not compiled (Node.js/npm missing at build time): skipping");
    String rpc = System.getProperty(RPC_PROPERTY);
    String keyList = System.getProperty("txnchain.settlement.keys");
    List<String> keys =
        keyList == null || keyList.isBlank()
            ? AnvilNode.DEV_KEYS
            : Arrays.stream(keyList.split(",")).map(String::trim).toList();
    if (rpc != null && !rpc.isBlank()) {
      ChainClient c = ChainClient.connect(rpc);
      return new TestChain(null, c, c.chainId(), keys);
    }
    Optional<Path> bin = AnvilNode.findBinary();
    assumeTrue(
        bin.isPresent(),
        "anvil not found (run npm ci in settlement/, or set -D"
            + AnvilNode.BINARY_PROPERTY
            + " or -D"
            + RPC_PROPERTY
            + "): skipping");
    AnvilNode node = AnvilNode.start(bin.get(), AnvilNode.DEFAULT_CHAIN_ID, blockTimeSeconds);
    return new TestChain(node, ChainClient.connect(node.url()), node.chainId(), keys);
  }

  /** True when this is a development node that supports snapshots and time travel. */
  public boolean isDevNode() {
    return anvil != null;
  }

  /** The development node, or null when testing against an external endpoint. */
  public AnvilNode anvil() {
    return anvil;
  }

  /** The client. */
  public ChainClient client() {
    return client;
  }

  /** The chain id. */
  public long chainId() {
    return chainId;
  }

  /** A funded key. */
  public Credentials credentials(int i) {
    return Credentials.create(keys.get(i));
  }

  /** A transactor for funded key {@code i}. */
  public Transactor transactor(int i) {
    return new Transactor(client, credentials(i), chainId, Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    client.close();
    if (anvil != null) {
      anvil.close();
    }
  }
}
