package io.txnchain.node.cli;

import io.txnchain.node.Node;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.settlement.cli.SettlementCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server side of {@code ./txnchain}: {@code up} (a local network), {@code node} and {@code
 * recover}.
 */
@Command(
    name = "txnchain",
    mixinStandardHelpOptions = true,
    subcommands = {
      NodeMain.Up.class,
      NodeMain.RunNode.class,
      RecoverCommand.class,
      SettlementCommand.class
    },
    description = "Runs TxnChain nodes.")
public final class NodeMain {

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeMain()).execute(args));
  }

  /** Starts a local development network and waits for Ctrl-C or SIGTERM. */
  @Command(name = "up", description = "Start a local network on embedded defaults.")
  static final class Up implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "3", description = "number of nodes (default 3)")
    int nodes;

    @Option(names = "--data", defaultValue = "data", description = "data directory (default data)")
    Path data;

    @Option(names = "--port", defaultValue = "8080", description = "API and console port")
    int port;

    @Option(names = "--tee", defaultValue = "sim", description = "TEE type (sim)")
    String tee;

    @Option(names = "--store", defaultValue = "embedded", description = "order-book store URL")
    String store;

    @Option(names = "--settlement", defaultValue = "none", description = "settlement chain URL")
    String settlement;

    @Override
    public Integer call() throws Exception {
      if (nodes < 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--nodes must be at least 1");
      }
      UpSettlement chain = null;
      Map<String, String> chainConfig = Map.of();
      if (!settlement.equals("none")) {
        try {
          chain = UpSettlement.prepare(settlement, data);
          chainConfig = chain.nodeConfig();
        } catch (Exception e) {
          System.err.println("--settlement " + settlement + ": " + e.getMessage());
          if (chain != null) {
            chain.close();
          }
          return 1;
        }
      }
      if (nodes > 1) {
        return serveNetwork(nodes, data, port, tee, store, chainConfig, chain);
      }
      Map<String, String> o = new TreeMap<>();
      o.put(NodeConfig.DATA_DIR.name(), data.resolve("node-0").toString());
      o.put(NodeConfig.PORT.name(), Integer.toString(port));
      o.put(NodeConfig.TEE.name(), tee);
      o.put(NodeConfig.STORE_URL.name(), store);
      // A local network is a development network: simulated evidence is what it has.
      o.put(NodeConfig.ALLOW_SIMULATED.name(), "true");
      o.put(NodeConfig.GOV_ALLOW_SIMULATED.name(), "true");
      o.put(NodeConfig.GOV_MEMBERS.name(), LocalNetwork.memberAddress(data));
      o.putAll(chainConfig);
      NodeConfig config = NodeConfig.load(null, System.getenv(), o);
      return serve(config, 1, chain);
    }
  }

  /** Runs one node from a configuration file. */
  @Command(name = "node", description = "Run one node (deployments, Kubernetes).")
  static final class RunNode implements Callable<Integer> {
    @Option(names = "--config", description = "properties file (keys in docs/configuration.md)")
    Path config;

    @Option(names = "--data", description = "data directory")
    Path data;

    @Option(names = "--port", description = "API port")
    Integer port;

    @Option(names = "--store", description = "order-book store URL (store.url)")
    String store;

    @Option(
        names = "--join",
        paramLabel = "URL",
        description = "API URL of a member to join the network through (cluster.join-url)")
    String join;

    @Override
    public Integer call() throws Exception {
      Map<String, String> o = new TreeMap<>();
      if (join != null) {
        o.put(NodeConfig.JOIN_URL.name(), join);
      }
      if (data != null) {
        o.put(NodeConfig.DATA_DIR.name(), data.toString());
      }
      if (port != null) {
        o.put(NodeConfig.PORT.name(), port.toString());
      }
      if (store != null) {
        o.put(NodeConfig.STORE_URL.name(), store);
      }
      return serve(NodeConfig.load(config, System.getenv(), o), 1);
    }
  }

  private static int serveNetwork(
      int nodes,
      Path data,
      int port,
      String tee,
      String store,
      Map<String, String> extra,
      UpSettlement chain)
      throws Exception {
    LocalNetwork network;
    try {
      network = LocalNetwork.start(nodes, data, port, tee, store, extra, Duration.ofSeconds(120));
      if (chain != null) {
        chain.connect(network.urls().get(0));
      }
    } catch (Exception e) {
      System.err.println("cannot start the network: " + e.getMessage());
      if (chain != null) {
        chain.close();
      }
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (chain != null) {
                    chain.close();
                  }
                  network.close();
                  stopped.countDown();
                },
                "shutdown"));
    System.out.println(
        "ready "
            + network.urls().get(0)
            + " nodes="
            + nodes
            + " ("
            + String.join(" ", network.urls())
            + ") tee="
            + tee
            + (tee.equals("sim") ? " (SIMULATED: no hardware protection)" : "")
            + " logs="
            + data.resolve("node-N/node.log")
            + " member-key="
            + LocalNetwork.memberKeyFile(data)
            + (chain == null ? "" : chain.describe()));
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static int serve(NodeConfig config, int nodes) throws Exception {
    return serve(config, nodes, null);
  }

  private static int serve(NodeConfig config, int nodes, UpSettlement chain) throws Exception {
    Node node;
    try {
      node = Node.start(config);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("cannot start: " + e.getMessage());
      if (chain != null) {
        chain.close();
      }
      return 1;
    }
    if (chain != null) {
      try {
        chain.connect(node.url());
      } catch (Exception e) {
        System.err.println("cannot connect the settlement chain: " + e.getMessage());
        chain.close();
        node.close();
        return 1;
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (chain != null) {
                    chain.close();
                  }
                  node.close();
                  stopped.countDown();
                },
                "shutdown"));
    System.out.println(
        "ready "
            + node.url()
            + " nodes="
            + nodes
            + " chain="
            + config.get(NodeConfig.CHAIN_ID)
            + " tee="
            + config.get(NodeConfig.TEE)
            + (config.get(NodeConfig.TEE).equals("sim")
                ? " (SIMULATED: no hardware protection)"
                : "")
            + (chain == null ? "" : chain.describe()));
    System.out.flush();
    stopped.await();
    return 0;
  }
}
