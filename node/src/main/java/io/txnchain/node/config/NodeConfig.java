package io.txnchain.node.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A node's configuration. Every key is declared here with its default; docs/configuration.md
 * mirrors this list. Precedence: command-line override, then environment variable, then config
 * file, then default.
 */
public final class NodeConfig {
  public static final ConfigKey<String> DATA_DIR =
      ConfigKey.string("data.dir", "data/node-0", "directory of the ledger, enclave keys and logs");
  public static final ConfigKey<String> HOST =
      ConfigKey.string("api.host", "127.0.0.1", "address the API binds to");
  public static final ConfigKey<Integer> PORT =
      ConfigKey.integer("api.port", 8080, "port of the JSON-RPC, REST and console API");
  public static final ConfigKey<String> CHAIN_ID =
      ConfigKey.string("chain.id", "txnchain-dev", "the network's chain id, bound into signatures");
  public static final ConfigKey<String> NODE_ID =
      ConfigKey.string("node.id", "node-0", "this node's name in status output");
  public static final ConfigKey<String> TEE =
      ConfigKey.string("tee.type", "sim", "TEE type: sim (no hardware protection)");
  public static final ConfigKey<Boolean> ALLOW_SIMULATED =
      ConfigKey.bool(
          "tee.allow-simulated",
          false,
          "accept simulated evidence (development networks only); required to run tee.type=sim");
  public static final ConfigKey<Integer> MAX_PAYLOAD =
      ConfigKey.integer("limits.max-payload", 1024 * 1024, "largest transaction payload, bytes");
  public static final ConfigKey<Integer> BATCH_MAX =
      ConfigKey.integer("batch.max-transactions", 4000, "most transactions in one block");
  public static final ConfigKey<Integer> QUEUE_MAX =
      ConfigKey.integer("batch.max-queued", 50_000, "pending transactions before OVERLOADED");
  public static final ConfigKey<Integer> ANALYTICS_K =
      ConfigKey.integer(
          "apps.analytics.default-k", 3, "default minimum number of contributors to release");

  public static final ConfigKey<String> JOIN_URL =
      ConfigKey.string(
          "cluster.join-url",
          "",
          "API URL of a member to receive the network keys from at first start; empty for the"
              + " node that creates the network");
  public static final ConfigKey<String> MEMBERS =
      ConfigKey.string(
          "cluster.members",
          "",
          "replication group as id=host:port,...; empty runs a network of one without replication");

  public static final ConfigKey<String> PEERS =
      ConfigKey.string(
          "cluster.peers",
          "",
          "the other nodes' API URLs as id=url,...: where work orders go when this node's quota for"
              + " an app is used up");
  public static final ConfigKey<String> COLLATERAL_DIR =
      ConfigKey.string(
          "attestation.collateral-dir",
          "",
          "directory of AMD and Intel collateral files for verifying hardware evidence; empty:"
              + " DATA_DIR/collateral");
  public static final ConfigKey<String> AMD_KDS_URL =
      ConfigKey.string(
          "attestation.amd-kds-url",
          "",
          "AMD key distribution service the node fetches VCEKs and AMD chains from; empty: none"
              + " (collateral directory only)");
  public static final ConfigKey<String> INTEL_PCS_URL =
      ConfigKey.string(
          "attestation.intel-pcs-url",
          "",
          "Intel provisioning certification service (API v4) the node fetches TCB Info, QE"
              + " Identity and CRLs from; empty: none (collateral directory only)");
  public static final ConfigKey<String> APP_QUOTAS =
      ConfigKey.string(
          "apps.quotas",
          "",
          "per-app work-order quotas as app=concurrent/inputBytes/millis,...; others get"
              + " 256/1048576/1000");
  public static final ConfigKey<String> GOV_MEMBERS =
      ConfigKey.string(
          "gov.members",
          "",
          "genesis: governance members' addresses, comma-separated; empty means nobody can change"
              + " the network's rules");
  public static final ConfigKey<Boolean> GOV_ALLOW_SIMULATED =
      ConfigKey.bool(
          "gov.allow-simulated",
          false,
          "genesis: whether nodes with simulated evidence may join and take work orders;"
              + " unset, the value of tee.allow-simulated");
  public static final ConfigKey<Boolean> GOV_AUTO_ADMIT =
      ConfigKey.bool(
          "gov.auto-admit",
          true,
          "genesis: admit any node whose evidence passes the policy, without an add_node vote");
  public static final ConfigKey<String> GOV_MEASUREMENTS =
      ConfigKey.string(
          "gov.allowed-measurements",
          "",
          "genesis: enclave measurements (hex) nodes may run, comma-separated; empty allows any");
  public static final ConfigKey<String> GOV_ATTESTATION_POLICY =
      ConfigKey.string(
          "gov.attestation-policy",
          "",
          "genesis: file with the whole attestation policy (the JSON of set_attestation_policy);"
              + " replaces gov.allow-simulated and gov.allowed-measurements");

  public static final ConfigKey<String> STORE_URL =
      ConfigKey.string(
          "store.url",
          "embedded",
          "order-book store: embedded (in the data directory), memory,"
              + " postgresql://user:pass@host:port/db or mongodb://host:port/db");

  public static final ConfigKey<String> SETTLEMENT_CONTRACT =
      ConfigKey.string(
          "settlement.contract",
          "",
          "address of the Settlement contract the dex app settles on; empty: no chain settlement"
              + " (development faucet instead)");

  public static final ConfigKey<String> SETTLEMENT_CHAIN_ID =
      ConfigKey.string("settlement.chain-id", "31337", "chain id of the settlement chain");

  public static final ConfigKey<String> SETTLEMENT_OPERATOR =
      ConfigKey.string(
          "settlement.operator",
          "",
          "address of the bridge operator, the only signer allowed to report chain deposits and"
              + " settlements");

  public static final ConfigKey<String> SETTLEMENT_FEE_ADDRESS =
      ConfigKey.string(
          "settlement.fee-address", "", "chain address credited with the markets' fees");

  public static final ConfigKey<String> SETTLEMENT_TOKENS =
      ConfigKey.string(
          "settlement.tokens",
          "",
          "chain address of every DEX token, as SYMBOL=0xaddress,... (all tokens required)");

  public static final ConfigKey<Integer> SETTLEMENT_MAX_BATCH_CHANGES =
      ConfigKey.integer(
          "settlement.max-batch-changes",
          400,
          "balance changes at which the enclave cuts a settlement batch; 400 stays under a"
              + " 16,777,216-gas transaction cap");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          DATA_DIR,
          HOST,
          PORT,
          CHAIN_ID,
          NODE_ID,
          TEE,
          ALLOW_SIMULATED,
          MAX_PAYLOAD,
          BATCH_MAX,
          QUEUE_MAX,
          ANALYTICS_K,
          JOIN_URL,
          PEERS,
          COLLATERAL_DIR,
          AMD_KDS_URL,
          INTEL_PCS_URL,
          APP_QUOTAS,
          GOV_MEMBERS,
          GOV_ALLOW_SIMULATED,
          GOV_AUTO_ADMIT,
          GOV_MEASUREMENTS,
          GOV_ATTESTATION_POLICY,
          STORE_URL,
          SETTLEMENT_CONTRACT,
          SETTLEMENT_CHAIN_ID,
          SETTLEMENT_OPERATOR,
          SETTLEMENT_FEE_ADDRESS,
          SETTLEMENT_TOKENS,
          SETTLEMENT_MAX_BATCH_CHANGES,
          MEMBERS);

  private final Map<String, String> file;
  private final Map<String, String> env;
  private final Map<String, String> overrides;

  private NodeConfig(
      Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    this.file = file;
    this.env = env;
    this.overrides = overrides;
    for (ConfigKey<?> key : ALL) {
      get(key);
    }
    for (String name : file.keySet()) {
      if (ALL.stream().noneMatch(k -> k.name().equals(name))) {
        throw new IllegalArgumentException("unknown configuration key '" + name + "'");
      }
    }
  }

  /**
   * Builds a configuration.
   *
   * @param configFile a properties file, or null
   * @param env the process environment
   * @param overrides values from the command line, by key name
   * @throws IllegalArgumentException naming the key whose value does not parse
   */
  public static NodeConfig load(
      Path configFile, Map<String, String> env, Map<String, String> overrides) throws IOException {
    Map<String, String> file = new TreeMap<>();
    if (configFile != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(configFile)) {
        p.load(r);
      }
      for (String name : p.stringPropertyNames()) {
        file.put(name, p.getProperty(name).trim());
      }
    }
    return new NodeConfig(file, Map.copyOf(env), new TreeMap<>(overrides));
  }

  /** Whether the key was given at all (command line, environment or file), not defaulted. */
  public boolean isSet(ConfigKey<?> key) {
    return overrides.containsKey(key.name())
        || env.containsKey(key.envVar())
        || file.containsKey(key.name());
  }

  /** The value of a key under the precedence rules. */
  public <T> T get(ConfigKey<T> key) {
    String raw = overrides.get(key.name());
    String source = "command line";
    if (raw == null) {
      raw = env.get(key.envVar());
      source = key.envVar();
    }
    if (raw == null) {
      raw = file.get(key.name());
      source = "config file";
    }
    if (raw == null) {
      return key.defaultValue();
    }
    try {
      return key.parser().apply(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "configuration key " + key.name() + " (from " + source + "): bad value '" + raw + "'");
    }
  }

  /**
   * Parses {@code id=host:port,...}, in the order given.
   *
   * @throws IllegalArgumentException naming the malformed entry
   */
  public static Map<String, String> members(String spec) {
    Map<String, String> members = new java.util.LinkedHashMap<>();
    if (spec.isBlank()) {
      return members;
    }
    for (String entry : spec.split(",")) {
      String[] parts = entry.trim().split("=", 2);
      if (parts.length != 2 || parts[0].isBlank() || !parts[1].matches("[^:\\s]+:\\d{1,5}")) {
        throw new IllegalArgumentException(
            "cluster.members entry '" + entry + "' is not id=host:port");
      }
      if (members.put(parts[0].trim(), parts[1].trim()) != null) {
        throw new IllegalArgumentException("cluster.members names '" + parts[0] + "' twice");
      }
    }
    return members;
  }

  /** Parses {@code cluster.peers}: node name to API URL. */
  public static java.util.SortedMap<String, String> peers(String spec) {
    java.util.SortedMap<String, String> peers = new TreeMap<>();
    for (String entry : list(spec)) {
      String[] parts = entry.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank() || !parts[1].matches("https?://\\S+")) {
        throw new IllegalArgumentException("cluster.peers entry '" + entry + "' is not id=url");
      }
      peers.put(parts[0].trim(), parts[1].trim().replaceAll("/+$", ""));
    }
    return peers;
  }

  /** A comma-separated list, blanks dropped. */
  public static List<String> list(String spec) {
    List<String> out = new java.util.ArrayList<>();
    for (String s : spec.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /** The governance genesis these settings describe. */
  public io.txnchain.governance.Genesis genesis() {
    String policyFile = get(GOV_ATTESTATION_POLICY);
    if (!policyFile.isEmpty()) {
      if (isSet(GOV_ALLOW_SIMULATED) || !get(GOV_MEASUREMENTS).isEmpty()) {
        throw new IllegalArgumentException(
            "gov.attestation-policy gives the whole policy: do not also set gov.allow-simulated"
                + " or gov.allowed-measurements");
      }
      String json;
      try {
        json = java.nio.file.Files.readString(java.nio.file.Path.of(policyFile));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "gov.attestation-policy: cannot read " + policyFile + ": " + e.getMessage());
      }
      try {
        return io.txnchain.governance.Genesis.withAttestationPolicy(
            list(get(GOV_MEMBERS)), get(GOV_AUTO_ADMIT), json);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("gov.attestation-policy: " + e.getMessage(), e);
      }
    }
    return io.txnchain.governance.Genesis.of(
        list(get(GOV_MEMBERS)),
        // Unset, the network accepts what its first node runs: a development network that opted
        // into simulated evidence stays usable; set it to false to admit hardware nodes only.
        isSet(GOV_ALLOW_SIMULATED) ? get(GOV_ALLOW_SIMULATED) : get(ALLOW_SIMULATED),
        get(GOV_AUTO_ADMIT),
        list(get(GOV_MEASUREMENTS)));
  }

  /** A copy with one more override. */
  public NodeConfig with(ConfigKey<?> key, String value) {
    Map<String, String> o = new TreeMap<>(overrides);
    o.put(key.name(), value);
    return new NodeConfig(file, env, o);
  }
}
