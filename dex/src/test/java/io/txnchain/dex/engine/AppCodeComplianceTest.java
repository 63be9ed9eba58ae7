package io.txnchain.dex.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.app.AppCodeVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole main code of the module passes the enclave's {@link AppCodeVerifier}: no floating
 * point, clocks, randomness, threads, hash-ordered collections or System calls.
 */
class AppCodeComplianceTest {

  @Test
  void mainClassesPassTheEnclaveVerifier() throws Exception {
    Path classes =
        Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.toString().endsWith(".class")) {
          files.put(classes.relativize(p).toString(), read(p));
        }
      }
    }
    assertThat(files.keySet())
        .anyMatch(f -> f.contains("FastOrderBook"))
        .anyMatch(f -> f.contains("DexApp"))
        .hasSizeGreaterThan(30);
    List<String> violations = AppCodeVerifier.violations(files);
    assertThat(violations).isEmpty();
  }

  /** A control: the same scan flags a class that breaks the rules. */
  @Test
  void theScanWouldNoticeAViolation() throws Exception {
    Path tests =
        Path.of(
            AppCodeComplianceTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    Path bad = tests.resolve("io/txnchain/dex/engine/AppCodeComplianceTest$Forbidden.class");
    assertThat(AppCodeVerifier.violations(Map.of("Forbidden.class", read(bad))))
        .anyMatch(v -> v.contains("java.util.HashMap"))
        .anyMatch(v -> v.contains("floating-point"));
  }

  /** What the enclave refuses: hash-ordered maps and floating point. */
  static final class Forbidden {
    static double half(java.util.HashMap<String, Long> m) {
      return m.size() / 2.0;
    }
  }

  private static byte[] read(Path p) throws IOException {
    return Files.readAllBytes(p);
  }
}
