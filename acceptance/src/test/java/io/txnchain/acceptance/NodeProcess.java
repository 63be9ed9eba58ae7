package io.txnchain.acceptance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A node started as its own process with {@code up}, stopped by its process id. */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private NodeProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static Path root() {
    return Path.of(System.getProperty("txnchain.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * A free port below Linux's ephemeral range (32768 up), where no outgoing connection can take it
   * between this check and the node's bind.
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IOException("no free port below 32000");
  }

  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Starts {@code up --nodes 1} on {@code data} and waits for its {@code ready} line. */
  static NodeProcess up(Path data, int port, Path log) throws Exception {
    Path jar = root().resolve("node/target/txnchain-node.jar");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-jar",
                jar.toString(),
                "up",
                "--nodes",
                "1",
                "--data",
                data.toString(),
                "--port",
                Integer.toString(port)));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    NodeProcess node = new NodeProcess(p, port, log);
    node.awaitReady(Duration.ofSeconds(60));
    return node;
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node exited early:\n" + Files.readString(log));
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith("ready ") && line.contains(":" + port)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("node not ready in " + timeout + ":\n" + Files.readString(log));
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static CompletableFuture<Void> drain(java.io.InputStream in, StringBuilder into) {
    return CompletableFuture.runAsync(
        () -> {
          try (BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
              synchronized (into) {
                into.append(line).append('\n');
              }
            }
          } catch (IOException e) {
            // The process ended; what was read is kept.
          }
        });
  }
}
