package io.txnchain.acceptance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the txnchain client CLI as a separate process, the way a user or script does. */
final class Cli {
  private final Map<String, String> env;

  Cli(String nodeUrl, Path keyFile) {
    this.env = Map.of("TXNCHAIN_NODE", nodeUrl, "TXNCHAIN_KEY", keyFile.toString());
  }

  record Run(int exitCode, String stdout, String stderr) {}

  Run run(String... args) throws Exception {
    Path jar = NodeProcess.root().resolve("client/target/txnchain-client.jar");
    List<String> cmd = new ArrayList<>(List.of(NodeProcess.javaBin(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    CompletableFuture<Void> o = NodeProcess.drain(p.getInputStream(), out);
    CompletableFuture<Void> e = NodeProcess.drain(p.getErrorStream(), err);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("CLI timed out: " + String.join(" ", args));
    }
    o.get(10, TimeUnit.SECONDS);
    e.get(10, TimeUnit.SECONDS);
    return new Run(p.exitValue(), out.toString(), err.toString());
  }
}
