package io.txnchain.tee.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimPlatformTest {
  @TempDir Path dir;

  /** A random source that fails the test if it is used. */
  private static final class NoRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
      throw new AssertionError("an existing platform must not draw randomness");
    }
  }

  @Test
  void createdOnceWithOwnerOnlyPermissions() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path home = dir.resolve("platform");
    SimPlatform.loadOrCreate(home, new SecureRandom());
    Path file = home.resolve(SimPlatform.FILE_NAME);
    assertThat(file).exists();
    assertThat(Files.size(file)).isEqualTo(64);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(home)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void reloadsTheSameKeysWithoutRewritingTheFile() throws Exception {
    SimPlatform first = SimPlatform.loadOrCreate(dir, new SecureRandom());
    byte[] stored = Files.readAllBytes(dir.resolve(SimPlatform.FILE_NAME));
    SimPlatform second = SimPlatform.loadOrCreate(dir, new NoRandom());
    assertThat(second.attestationPublicKey()).isEqualTo(first.attestationPublicKey());
    assertThat(second.secret()).isEqualTo(first.secret());
    assertThat(Files.readAllBytes(dir.resolve(SimPlatform.FILE_NAME))).isEqualTo(stored);
    // The file is the attestation seed followed by the platform secret.
    SimPlatform rebuilt =
        SimPlatform.of(
            java.util.Arrays.copyOf(stored, 32), java.util.Arrays.copyOfRange(stored, 32, 64));
    assertThat(rebuilt.attestationPublicKey()).isEqualTo(first.attestationPublicKey());
    assertThat(rebuilt.secret()).isEqualTo(first.secret());
  }

  @Test
  void distinctInstallationsGetDistinctPlatforms() {
    SimPlatform a = SimPlatform.loadOrCreate(dir.resolve("a"), new SecureRandom());
    SimPlatform b = SimPlatform.loadOrCreate(dir.resolve("b"), new SecureRandom());
    assertThat(a.attestationPublicKey()).isNotEqualTo(b.attestationPublicKey());
    assertThat(a.secret()).isNotEqualTo(b.secret());
  }

  @Test
  void aCorruptFileIsAClearError() throws Exception {
    Path file = dir.resolve(SimPlatform.FILE_NAME);
    for (int length : new int[] {0, 63, 65}) {
      Files.write(file, new byte[length]);
      assertThatThrownBy(() -> SimPlatform.loadOrCreate(dir, new NoRandom()))
          .as("length %d", length)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("corrupt")
          .hasMessageContaining("64 bytes");
    }
  }

  @Test
  void theSecretIsACopy() {
    SimPlatform p = SimPlatform.loadOrCreate(dir, new SecureRandom());
    byte[] secret = p.secret();
    secret[0] ^= 1;
    assertThat(p.secret()).isNotEqualTo(secret);
  }
}
