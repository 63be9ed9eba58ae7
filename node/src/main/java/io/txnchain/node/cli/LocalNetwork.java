package io.txnchain.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.node.config.NodeConfig;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.util.encoders.Hex;

/**
 * A local network of several nodes, one process each, on loopback: node 0 creates the network, the
 * others join it through node 0's API, and all of them form one replication group. API ports are
 * {@code port, port+1, ...}; replication ports are {@code port+1000, port+1001, ...}.
 */
final class LocalNetwork implements AutoCloseable {
  private static final String MEMBER_KEY = "member.key";
  private static final java.util.Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final List<Process> processes = new ArrayList<>();
  private final List<String> urls = new ArrayList<>();

  /** Starts the nodes and returns once every one answers {@code /readyz}. */
  static LocalNetwork start(
      int nodes,
      Path data,
      int port,
      String tee,
      String store,
      Map<String, String> extra,
      Duration timeout)
      throws IOException, InterruptedException {
    LocalNetwork network = new LocalNetwork();
    try {
      String member = memberAddress(data);
      StringBuilder members = new StringBuilder();
      for (int i = 0; i < nodes; i++) {
        if (i > 0) {
          members.append(',');
        }
        members.append("node-").append(i).append("=127.0.0.1:").append(port + 1000 + i);
      }
      for (int i = 0; i < nodes; i++) {
        network.launch(i, data, port, tee, members.toString(), member, store, extra);
      }
      network.awaitReady(timeout);
      return network;
    } catch (IOException | InterruptedException | RuntimeException e) {
      network.close();
      throw e;
    }
  }

  /** The file of the local network's governance member key, created with the network. */
  static Path memberKeyFile(Path data) {
    return data.resolve(MEMBER_KEY);
  }

  /**
   * The address of the development network's only governance member, whose key is kept next to the
   * nodes' data (in the key file format of {@code txnchain keys new}) so that {@code txnchain gov}
   * can be tried at once. Created on first start; a restart keeps it, as the genesis must.
   */
  static String memberAddress(Path data) throws IOException {
    Path file = memberKeyFile(data);
    ObjectMapper mapper = new ObjectMapper();
    if (Files.exists(file)) {
      return mapper.readTree(file.toFile()).path("address").asText();
    }
    Files.createDirectories(data);
    Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
    ObjectNode n = mapper.createObjectNode();
    n.put("type", "secp256k1");
    n.put("address", key.address().toChecksumHex());
    n.put("privateKey", Hex.toHexString(key.privateKey()));
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    return key.address().toChecksumHex();
  }

  private void launch(
      int i,
      Path data,
      int port,
      String tee,
      String members,
      String member,
      String store,
      Map<String, String> extra)
      throws IOException {
    Path dir = data.resolve("node-" + i).toAbsolutePath();
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty(NodeConfig.DATA_DIR.name(), dir.toString());
    p.setProperty(NodeConfig.PORT.name(), Integer.toString(port + i));
    p.setProperty(NodeConfig.NODE_ID.name(), "node-" + i);
    p.setProperty(NodeConfig.TEE.name(), tee);
    // A local network is a development network: simulated evidence is what it has.
    p.setProperty(NodeConfig.ALLOW_SIMULATED.name(), "true");
    p.setProperty(NodeConfig.MEMBERS.name(), members);
    // Every other node's API, for work orders this node has no room for.
    StringBuilder peers = new StringBuilder();
    for (String id : NodeConfig.members(members).keySet()) {
      int j = Integer.parseInt(id.substring("node-".length()));
      if (j != i) {
        peers.append(peers.length() == 0 ? "" : ",");
        peers.append(id).append("=http://127.0.0.1:").append(port + j);
      }
    }
    p.setProperty(NodeConfig.PEERS.name(), peers.toString());
    p.setProperty(NodeConfig.GOV_MEMBERS.name(), member);
    p.setProperty(NodeConfig.GOV_ALLOW_SIMULATED.name(), "true");
    // Node 0 serves the console and writes the named store; the others keep their own embedded
    // one, so that two projections never write the same database.
    p.setProperty(NodeConfig.STORE_URL.name(), i == 0 ? store : "embedded");
    if (i > 0) {
      p.setProperty(NodeConfig.JOIN_URL.name(), "http://127.0.0.1:" + port);
    }
    extra.forEach(p::setProperty);
    Path config = dir.resolve("node.properties");
    try (Writer w = Files.newBufferedWriter(config)) {
      p.store(w, "written by txnchain up");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                NodeMain.class.getName(),
                "node",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
            .start();
    processes.add(process);
    urls.add("http://127.0.0.1:" + (port + i));
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < urls.size(); i++) {
      while (true) {
        if (!processes.get(i).isAlive()) {
          throw new IOException("node-" + i + " exited; see its node.log");
        }
        try {
          HttpResponse<Void> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(urls.get(i) + "/readyz"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            break;
          }
        } catch (IOException e) {
          // Not listening yet.
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("node-" + i + " was not ready within " + timeout);
        }
        Thread.sleep(200);
      }
    }
  }

  List<String> urls() {
    return List.copyOf(urls);
  }

  /** Stops every node with SIGTERM, and with SIGKILL those that do not stop in time. */
  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
