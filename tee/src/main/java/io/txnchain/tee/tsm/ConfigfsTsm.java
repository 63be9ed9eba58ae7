package io.txnchain.tee.tsm;

import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Evidence from a confidential VM through the Linux configfs-tsm report interface ({@code
 * /sys/kernel/config/tsm/report}, see the kernel's {@code Documentation/ABI/testing/configfs-tsm}):
 * create an entry directory, write the 64-byte report data to {@code inblob}, read {@code outblob}
 * (and {@code auxblob}, {@code provider}), and check that {@code generation} did not change
 * meanwhile — it counts writes, so a change means another process reused the entry and the report
 * may carry its data. The entry is removed afterwards. Works for SEV-SNP ({@code sev_guest}) and
 * TDX ({@code tdx_guest}) guests.
 */
public final class ConfigfsTsm implements EvidenceProvider {
  /** Where the kernel mounts the interface. */
  public static final Path DEFAULT_ROOT = Path.of("/sys/kernel/config/tsm/report");

  /**
   * Makes or removes an entry directory. On configfs, {@code mkdir} makes the kernel create the
   * attribute files and {@code rmdir} removes a non-empty entry; a plain directory standing in for
   * configfs needs its own.
   */
  @FunctionalInterface
  public interface EntryOp {
    void apply(Path entry) throws IOException;
  }

  private final Path root;
  private final EntryOp maker;
  private final EntryOp remover;

  public ConfigfsTsm(Path root, EntryOp maker, EntryOp remover) {
    this.root = root;
    this.maker = maker;
    this.remover = remover;
  }

  /** The interface at its standard mount point. */
  public static ConfigfsTsm system() {
    return new ConfigfsTsm(DEFAULT_ROOT, Files::createDirectory, Files::deleteIfExists);
  }

  /** Whether the interface is present on this machine. */
  public boolean available() {
    return Files.isDirectory(root);
  }

  /**
   * A report carrying {@code reportData} (up to 64 bytes, zero-padded).
   *
   * @throws IOException when the interface is missing, the provider fails, or the entry was written
   *     by someone else meanwhile
   */
  public TsmReport report(byte[] reportData) throws IOException {
    if (reportData.length > 64) {
      throw new IllegalArgumentException("report data is at most 64 bytes");
    }
    Path entry = root.resolve("txnchain-" + UUID.randomUUID());
    maker.apply(entry);
    try {
      Files.write(entry.resolve("inblob"), Arrays.copyOf(reportData, 64));
      long before = generation(entry);
      byte[] out = Files.readAllBytes(entry.resolve("outblob"));
      Optional<byte[]> aux = optional(entry.resolve("auxblob"));
      String provider =
          Files.readString(entry.resolve("provider"), StandardCharsets.US_ASCII).strip();
      long after = generation(entry);
      if (before != after) {
        throw new IOException(
            "configfs-tsm entry changed while reading (generation "
                + before
                + " -> "
                + after
                + "): another writer used it");
      }
      if (out.length == 0) {
        throw new IOException("configfs-tsm returned an empty report (provider " + provider + ")");
      }
      return new TsmReport(provider, out, aux.filter(a -> a.length > 0), after);
    } finally {
      remover.apply(entry);
    }
  }

  private static long generation(Path entry) throws IOException {
    String text = Files.readString(entry.resolve("generation"), StandardCharsets.US_ASCII).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("configfs-tsm generation is not a number: '" + text + "'");
    }
  }

  private static Optional<byte[]> optional(Path p) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The evidence format of a configfs-tsm provider name. */
  public static String formatOf(String provider) {
    return switch (provider) {
      case "sev_guest" -> "sev-snp";
      case "tdx_guest" -> "tdx";
      default ->
          throw new IllegalArgumentException("unknown configfs-tsm provider '" + provider + "'");
    };
  }

  @Override
  public String format() {
    try {
      Path probe = root.resolve("txnchain-probe-" + UUID.randomUUID());
      maker.apply(probe);
      try {
        return formatOf(
            Files.readString(probe.resolve("provider"), StandardCharsets.US_ASCII).strip());
      } finally {
        remover.apply(probe);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("configfs-tsm is not usable at " + root, e);
    }
  }

  @Override
  public Evidence produce(byte[] reportData) {
    try {
      TsmReport r = report(reportData);
      return new Evidence(formatOf(r.provider()), r.outblob());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
