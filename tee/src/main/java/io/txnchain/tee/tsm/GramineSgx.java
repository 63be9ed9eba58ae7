package io.txnchain.tee.tsm;

import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * SGX DCAP quotes from inside a Gramine enclave through its pseudo-filesystem {@code
 * /dev/attestation}: {@code attestation_type} must read {@code dcap}; writing 64 bytes to {@code
 * user_report_data} and then reading {@code quote} yields a quote carrying them. Gramine serialises
 * this per process, so one instance must not be used by two threads at once.
 */
public final class GramineSgx implements EvidenceProvider {
  /** Where Gramine exposes the interface inside the enclave. */
  public static final Path DEFAULT_ROOT = Path.of("/dev/attestation");

  private final Path root;

  public GramineSgx(Path root) {
    this.root = root;
  }

  public static GramineSgx system() {
    return new GramineSgx(DEFAULT_ROOT);
  }

  /** Whether this process runs under Gramine with DCAP attestation configured. */
  public boolean available() {
    try {
      return attestationType().equals("dcap");
    } catch (IOException e) {
      return false;
    }
  }

  private String attestationType() throws IOException {
    return Files.readString(root.resolve("attestation_type"), StandardCharsets.US_ASCII).strip();
  }

  /** A DCAP quote carrying {@code reportData} (up to 64 bytes, zero-padded). */
  public byte[] quote(byte[] reportData) throws IOException {
    if (reportData.length > 64) {
      throw new IllegalArgumentException("report data is at most 64 bytes");
    }
    String type = attestationType();
    if (!type.equals("dcap")) {
      throw new IOException(
          "Gramine attestation type is '"
              + type
              + "'; set sgx.remote_attestation = \"dcap\" in the manifest");
    }
    synchronized (this) {
      Files.write(root.resolve("user_report_data"), Arrays.copyOf(reportData, 64));
      byte[] quote = Files.readAllBytes(root.resolve("quote"));
      if (quote.length == 0) {
        throw new IOException("Gramine returned an empty quote");
      }
      return quote;
    }
  }

  @Override
  public String format() {
    return "sgx-dcap";
  }

  @Override
  public Evidence produce(byte[] reportData) {
    try {
      return new Evidence(format(), quote(reportData));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
