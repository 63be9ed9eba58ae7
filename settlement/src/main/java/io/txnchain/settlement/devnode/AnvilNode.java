package io.txnchain.settlement.devnode;

import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.ChainException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A local EVM development node: Foundry's anvil binary as the npm package {@code @foundry-rs/anvil}
 * ships it, bound to 127.0.0.1 on a free port with a fixed chain id. {@link #start} returns once
 * {@code eth_chainId} answers; {@link #close} stops the process by its id.
 */
public final class AnvilNode implements AutoCloseable {
  /** The chain id local development chains use. */
  public static final long DEFAULT_CHAIN_ID = 31337;

  /** System property naming the anvil binary explicitly. */
  public static final String BINARY_PROPERTY = "txnchain.anvil";

  /**
   * Private keys of the accounts anvil funds at start (its well-known development mnemonic); for
   * development networks and tests only.
   */
  public static final List<String> DEV_KEYS =
      List.of(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
          "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
          "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
          "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
          "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");

  private final Process process;
  private final int port;
  private final long chainId;
  private final Thread stopOnExit;

  private AnvilNode(Process process, int port, long chainId) {
    this.process = process;
    this.port = port;
    this.chainId = chainId;
    // A JVM that exits without close() (an Error, System.exit) must not leave the node running.
    this.stopOnExit = new Thread(process::destroy, "anvil-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * The anvil binary: the {@value #BINARY_PROPERTY} system property, else {@code
   * node_modules/@foundry-rs/anvil-OS-ARCH/bin/anvil} in, or in the {@code settlement} folder of,
   * the working directory, the location of this code, or a parent of either.
   */
  public static Optional<Path> findBinary() {
    String explicit = System.getProperty(BINARY_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String osName = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
    String archName = arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "amd64";
    String exe = osName.equals("win32") ? "anvil.exe" : "anvil";
    Path rel =
        Path.of("node_modules", "@foundry-rs", "anvil-" + osName + "-" + archName, "bin", exe);
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    try {
      // The repository this code was built in, wherever the command runs from.
      starts.add(
          Path.of(AnvilNode.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // No code source (unusual class loaders): the working directory only.
    }
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        for (Path candidate : List.of(dir.resolve(rel), dir.resolve("settlement").resolve(rel))) {
          if (Files.isExecutable(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts anvil on a free loopback port with {@code chainId}; {@code blockTimeSeconds} 0 mines
   * each transaction at once, otherwise a block every that many seconds.
   */
  public static AnvilNode start(Path binary, long chainId, int blockTimeSeconds)
      throws IOException {
    // The port is free when chosen but may be taken before anvil binds it; anvil then exits at
    // once, and another port is tried.
    for (int attempt = 1; ; attempt++) {
      try {
        return start(binary, chainId, blockTimeSeconds, freePort(), null);
      } catch (ExitedAtStartException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Anvil exited before answering; on a port chosen a moment earlier, most likely it was taken. */
  private static final class ExitedAtStartException extends IOException {
    ExitedAtStartException(String message) {
      super(message);
    }
  }

  /**
   * As {@link #start(Path, long, int)} on {@code port}, keeping the chain in {@code stateFile}
   * across restarts when it is not null (loaded at start, written when stopped).
   */
  public static AnvilNode start(
      Path binary, long chainId, int blockTimeSeconds, int port, Path stateFile)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            binary.toString(),
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--chain-id",
            Long.toString(chainId),
            "--silent"));
    if (blockTimeSeconds > 0) {
      cmd.addAll(List.of("--block-time", Integer.toString(blockTimeSeconds)));
    }
    if (stateFile != null) {
      cmd.addAll(List.of("--state", stateFile.toString()));
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    AnvilNode node = new AnvilNode(p, port, chainId);
    try {
      node.awaitReady(Duration.ofSeconds(20));
    } catch (IOException | RuntimeException | Error e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void awaitReady(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (ChainClient c = ChainClient.connect(url())) {
      while (true) {
        if (!process.isAlive()) {
          throw new ExitedAtStartException(
              "anvil exited with status " + process.exitValue() + " (is port " + port + " taken?)");
        }
        try {
          if (c.chainId() == chainId) {
            return;
          }
          throw new IOException("anvil answers with another chain id");
        } catch (ChainException e) {
          if (System.nanoTime() > deadline) {
            throw new IOException("anvil did not answer eth_chainId within " + timeout, e);
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
  }

  /** A port on the loopback interface that nothing listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The JSON-RPC URL. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The chain id. */
  public long chainId() {
    return chainId;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Stops the process (by its id) and waits for it. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook stops the process.
    }
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
