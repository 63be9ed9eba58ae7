package io.txnchain.settlement.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.AttestedEnclave;
import io.txnchain.client.sdk.Sealer;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.settlement.bridge.BridgeConfig;
import io.txnchain.settlement.bridge.NodeLedgerPort;
import io.txnchain.settlement.bridge.SettlementBridge;
import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.ChainException;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.settlement.devnode.AnvilNode;
import io.txnchain.tee.evidence.EvidencePolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.web3j.crypto.Credentials;

/**
 * What {@code ./txnchain up --settlement dev|URL} does around the nodes:
 *
 * <ol>
 *   <li>{@link #prepare}: {@code dev} starts anvil (its chain kept in the data directory across
 *       restarts); a URL is used as it is. The Settlement contract and one test ERC-20 per DEX
 *       token are deployed once and remembered in {@code settlement/deployment.json}; the bridge
 *       operator's ledger key is created in {@code settlement/operator.key}.
 *   <li>the nodes start with {@link #nodeConfig()}, so that the dex app settles on this contract;
 *   <li>{@link #connect}: once the network is up, the enclave's settlement signer is registered on
 *       the contract with the measurement from the node's verified evidence, and the bridge starts.
 * </ol>
 *
 * The deploying key (contract owner and fee address) is {@code TXNCHAIN_SETTLEMENT_KEY}, or on a
 * chain with the development chain id the first development account.
 */
public final class SettlementLauncher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONFIRMATIONS_DEV = 0;

  /** How often the bridge asks the enclave for a batch; each ask is a work order. */
  private static final Duration BATCH_INTERVAL = Duration.ofSeconds(5);

  private final AnvilNode anvil;
  private final ChainClient chain;
  private final Transactor owner;
  private final SettlementContract contract;
  private final Map<String, String> tokens;
  private final UserKey operator;
  private final Path dir;
  private final long startBlock;
  private SettlementBridge bridge;

  private SettlementLauncher(
      AnvilNode anvil,
      ChainClient chain,
      Transactor owner,
      SettlementContract contract,
      Map<String, String> tokens,
      UserKey operator,
      Path dir,
      long startBlock) {
    this.anvil = anvil;
    this.chain = chain;
    this.owner = owner;
    this.contract = contract;
    this.tokens = tokens;
    this.operator = operator;
    this.dir = dir;
    this.startBlock = startBlock;
  }

  /**
   * Starts or reaches the chain named by {@code spec} ({@code dev} or a JSON-RPC URL) and deploys
   * what is missing, for tokens {@code symbol -> decimals}.
   */
  public static SettlementLauncher prepare(
      String spec, Path dataDir, Map<String, Integer> dexTokens, Map<String, String> env)
      throws IOException, ChainException {
    Path dir = dataDir.resolve("settlement").toAbsolutePath();
    Files.createDirectories(dir);
    AnvilNode anvil = null;
    String url = spec;
    if (spec.equals("dev")) {
      Path bin =
          AnvilNode.findBinary()
              .orElseThrow(
                  () ->
                      new IOException(
                          "--settlement dev needs the anvil binary: install Node.js and npm, then"
                              + " run 'npm ci' in settlement/ (or set -D"
                              + AnvilNode.BINARY_PROPERTY
                              + ")"));
      anvil =
          AnvilNode.start(
              bin,
              AnvilNode.DEFAULT_CHAIN_ID,
              0,
              AnvilNode.freePort(),
              dir.resolve("anvil-state.json"));
      url = anvil.url();
    }
    ChainClient chain = ChainClient.connect(url);
    try {
      long chainId = chain.chainId();
      String key = env.getOrDefault("TXNCHAIN_SETTLEMENT_KEY", "");
      if (key.isBlank()) {
        if (chainId != AnvilNode.DEFAULT_CHAIN_ID) {
          throw new IOException(
              "set TXNCHAIN_SETTLEMENT_KEY to the hex private key that deploys and owns the"
                  + " settlement contract on chain "
                  + chainId);
        }
        key = AnvilNode.DEV_KEYS.get(0);
      }
      Transactor owner =
          new Transactor(chain, Credentials.create(key), chainId, Duration.ofSeconds(60));
      Path deploymentFile = dir.resolve("deployment.json");
      SettlementContract contract;
      Map<String, String> tokens = new TreeMap<>();
      JsonNode saved = Files.exists(deploymentFile) ? JSON.readTree(deploymentFile.toFile()) : null;
      if (saved != null
          && saved.path("chainId").asLong() == chainId
          && hasCode(chain, saved.path("contract").asText())) {
        contract = new SettlementContract(owner, saved.get("contract").asText());
        saved
            .get("tokens")
            .fields()
            .forEachRemaining(e -> tokens.put(e.getKey(), e.getValue().asText()));
      } else {
        contract =
            SettlementContract.deploy(owner, owner.address(), owner.address(), 7 * 24 * 3600);
        long deployedAt = chain.blockNumber();
        for (Map.Entry<String, Integer> t : new TreeMap<>(dexTokens).entrySet()) {
          TestTokenContract token =
              TestTokenContract.deploy(owner, "Test " + t.getKey(), t.getKey(), t.getValue());
          contract.listToken(token.address());
          tokens.put(t.getKey(), token.address());
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("chainId", chainId);
        n.put("contract", contract.address());
        n.put("owner", owner.address());
        n.put("deployedAtBlock", deployedAt);
        tokens.forEach(n.putObject("tokens")::put);
        JSON.writerWithDefaultPrettyPrinter().writeValue(deploymentFile.toFile(), n);
      }
      // Where to reach the chain now (a development chain gets a new port each start).
      ObjectNode record = (ObjectNode) JSON.readTree(deploymentFile.toFile());
      record.put("rpcUrl", url);
      JSON.writerWithDefaultPrettyPrinter().writeValue(deploymentFile.toFile(), record);
      Path keyFile = dir.resolve("operator.key");
      UserKey operator =
          Files.exists(keyFile)
              ? UserKey.load(keyFile)
              : UserKey.create(keyFile, new SecureRandom());
      return new SettlementLauncher(
          anvil,
          chain,
          owner,
          contract,
          tokens,
          operator,
          dir,
          record.path("deployedAtBlock").asLong(0));
    } catch (IOException | ChainException | RuntimeException | Error e) {
      chain.close();
      if (anvil != null) {
        anvil.close();
      }
      throw e;
    }
  }

  private static boolean hasCode(ChainClient chain, String address) throws ChainException {
    JsonNode code = chain.rpc("eth_getCode", java.util.List.of(address, "latest"));
    return code.isTextual() && code.asText().length() > 2;
  }

  /** The JSON-RPC URL of the chain. */
  public String rpcUrl() {
    return chain.url();
  }

  /** The settlement contract's address. */
  public String contract() {
    return contract.address();
  }

  /** Token symbol to contract address. */
  public Map<String, String> tokens() {
    return Map.copyOf(tokens);
  }

  /**
   * The node configuration that makes the dex app settle here: {@code settlement.contract}, {@code
   * settlement.chain-id}, {@code settlement.operator}, {@code settlement.fee-address} and {@code
   * settlement.tokens} (docs/configuration.md).
   */
  public Map<String, String> nodeConfig() throws ChainException {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("settlement.contract", contract.address());
    c.put("settlement.chain-id", Long.toString(owner.chainId()));
    c.put("settlement.operator", operator.keyPair().address().toChecksumHex());
    c.put("settlement.fee-address", owner.address());
    StringBuilder t = new StringBuilder();
    tokens.forEach((s, a) -> t.append(t.length() == 0 ? "" : ",").append(s).append('=').append(a));
    c.put("settlement.tokens", t.toString());
    return c;
  }

  /**
   * Registers the network's settlement signer (after verifying the node's evidence; simulated
   * evidence only when {@code allowSimulated}) and starts the bridge against {@code nodeUrl}.
   */
  public void connect(String nodeUrl, boolean allowSimulated) throws Exception {
    TxnChainClient client = TxnChainClient.connect(URI.create(nodeUrl));
    AttestedEnclave enclave =
        Sealer.forNode(client, new SecureRandom())
            .attest(new EvidencePolicy(allowSimulated, Set.of()));
    NodeLedgerPort ledger = new NodeLedgerPort(client, operator);
    String signer = ledger.process("{\"op\":\"settlementStatus\"}").get("signer").asText();
    byte[] registered = contract.signerMeasurement(signer);
    if (!Arrays.equals(registered, enclave.claims().measurement())) {
      contract.registerSigner(signer, enclave.claims().measurement());
    }
    bridge =
        new SettlementBridge(
            new BridgeConfig(
                chain.url(),
                owner.chainId(),
                contract.address(),
                anvil != null ? CONFIRMATIONS_DEV : 2,
                Duration.ofMillis(500),
                BATCH_INTERVAL,
                Duration.ofSeconds(30),
                startBlock),
            contract,
            ledger);
    bridge.start();
  }

  /** The folder with the deployment record and the operator key. */
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    if (bridge != null) {
      bridge.close();
    }
    chain.close();
    if (anvil != null) {
      anvil.close();
    }
  }
}
