package io.txnchain.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands take from the process: standard streams, environment, home directory, whether
 * the streams are terminals, and randomness. Tests supply their own.
 */
record CliContext(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    Path home,
    boolean stdoutTerminal,
    boolean stderrTerminal,
    SecureRandom random) {

  static final String ENV_NODE = "TXNCHAIN_NODE";
  static final String ENV_KEY = "TXNCHAIN_KEY";

  static CliContext system() {
    return new CliContext(
        System.in,
        System.out,
        System.err,
        System.getenv(),
        home(System.getenv()),
        stdoutIsTerminal(),
        isTerminal(2).orElse(System.console() != null),
        new SecureRandom());
  }

  /** {@code $HOME} as the shell sees it, which may differ from the account's home directory. */
  private static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
  }

  /** An environment variable, empty when unset or blank. */
  Optional<String> envVar(String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  byte[] inputBytes() throws IOException {
    return in.readAllBytes();
  }

  /** Prints a line on stderr, first clearing a progress line that may be showing. */
  void warn(String line) {
    synchronized (err) {
      if (stderrTerminal) {
        err.print(Progress.CLEAR_LINE);
      }
      err.println(line);
      err.flush();
    }
  }

  /**
   * {@code System.console()} is null when stdin or stdout is redirected. On newer JDKs it is
   * non-null even then, so where /proc tells the truth about stdout, it is asked as well.
   */
  private static boolean stdoutIsTerminal() {
    return System.console() != null && isTerminal(1).orElse(true);
  }

  private static Optional<Boolean> isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      if (!Files.isSymbolicLink(link)) {
        return Optional.empty();
      }
      String target = Files.readSymbolicLink(link).toString();
      return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }
}
