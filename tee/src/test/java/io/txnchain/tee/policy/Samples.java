package io.txnchain.tee.policy;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The genuine evidence in test resources (see attestation/README.md for sources and values). */
final class Samples {
  /** Inside every SNP sample certificate's validity. */
  static final Instant SNP_NOW = Instant.parse("2024-06-01T00:00:00Z");

  /** Inside the DCAP samples' collateral window, as upstream pins it. */
  static final Instant DCAP_NOW = Instant.parse("2025-07-01T00:00:00Z");

  private Samples() {}

  static byte[] bytes(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/attestation/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Collateral collateral(String... names) {
    Collateral.Builder b = Collateral.builder();
    for (String n : names) {
      b.addAll(CollateralFiles.read(bytes(n)).collateral());
    }
    return b.build();
  }

  static byte[] snpReport() {
    return bytes("go-sev-guest/attestation.bin");
  }

  static Collateral snpCollateral() {
    return collateral("go-sev-guest/vcek.testcer", "go-sev-guest/ask_ark_milan.pem");
  }

  static byte[] sgxQuote() {
    return bytes("dcap-qvl/sgx_quote");
  }

  static Collateral sgxCollateral() {
    return collateral("dcap-qvl/sgx_quote_collateral.json");
  }

  static byte[] tdxQuote() {
    return bytes("dcap-qvl/tdx_quote");
  }

  static Collateral tdxCollateral() {
    return collateral("dcap-qvl/tdx_quote_collateral.json");
  }
}
