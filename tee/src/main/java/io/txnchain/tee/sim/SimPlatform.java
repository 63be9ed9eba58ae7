package io.txnchain.tee.sim;

import io.txnchain.crypto.Ed25519KeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The simulated platform of one installation: a signing key that stands in for the CPU's
 * attestation key, and a platform secret from which sealing keys are derived. Both live in a file
 * readable by the host, which is exactly why simulated evidence proves nothing.
 */
public final class SimPlatform {
  static final String FILE_NAME = "sim-platform.key";
  private static final int FILE_LENGTH = 64;

  private final Ed25519KeyPair attestationKey;
  private final byte[] secret;

  private SimPlatform(byte[] seed, byte[] secret) {
    this.attestationKey = Ed25519KeyPair.fromSeed(seed);
    this.secret = secret.clone();
  }

  /** Loads the platform from {@code dir}, creating it on first use. */
  public static SimPlatform loadOrCreate(Path dir, SecureRandom random) {
    Path file = dir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != FILE_LENGTH) {
          throw new IllegalStateException(file + " is corrupt: expected " + FILE_LENGTH + " bytes");
        }
        return new SimPlatform(Arrays.copyOf(bytes, 32), Arrays.copyOfRange(bytes, 32, 64));
      }
      Files.createDirectories(dir);
      byte[] bytes = new byte[FILE_LENGTH];
      random.nextBytes(bytes);
      Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the file keeps the default permissions.
      }
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return loadOrCreate(dir, random);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the simulated platform in " + dir, e);
    }
  }

  /** A platform from explicit key material, for tests. */
  public static SimPlatform of(byte[] attestationSeed, byte[] secret) {
    return new SimPlatform(attestationSeed, secret);
  }

  Ed25519KeyPair attestationKey() {
    return attestationKey;
  }

  byte[] secret() {
    return secret.clone();
  }

  /** The public half of the platform attestation key. */
  public byte[] attestationPublicKey() {
    return attestationKey.publicKey();
  }
}
