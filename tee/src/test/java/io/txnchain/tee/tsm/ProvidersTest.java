package io.txnchain.tee.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file protocols of configfs-tsm and Gramine against a temporary directory standing in for the
 * kernel's and Gramine's files, filled with genuine evidence. No TEE runs here.
 */
class ProvidersTest {
  @TempDir Path dir;

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = ProvidersTest.class.getResourceAsStream("/attestation/" + name)) {
      return in.readAllBytes();
    }
  }

  /** The certificate table an SEV-SNP host hands the guest: GUID, offset, length; zero entry. */
  private static byte[] certTable(List<UUID> guids, List<byte[]> ders) {
    int header = 24 * (guids.size() + 1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteBuffer table = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < guids.size(); i++) {
      table.order(ByteOrder.BIG_ENDIAN);
      table.putLong(guids.get(i).getMostSignificantBits());
      table.putLong(guids.get(i).getLeastSignificantBits());
      table.order(ByteOrder.LITTLE_ENDIAN);
      table.putInt(header + body.size());
      table.putInt(ders.get(i).length);
      body.writeBytes(ders.get(i));
    }
    byte[] out = Arrays.copyOf(table.array(), header + body.size());
    System.arraycopy(body.toByteArray(), 0, out, header, body.size());
    return out;
  }

  /** What rmdir does on configfs: the attribute files go with the entry. */
  private static void removeEntry(Path entry) throws java.io.IOException {
    try (var files = Files.list(entry)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(entry);
  }

  @Test
  void snpReportAndCertificateTableThroughConfigfsTsmVerify() throws Exception {
    byte[] report = resource("go-sev-guest/attestation.bin");
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain =
        cf
            .generateCertificates(
                new java.io.ByteArrayInputStream(resource("go-sev-guest/ask_ark_milan.pem")))
            .stream()
            .map(c -> (X509Certificate) c)
            .toList();
    byte[] table =
        certTable(
            List.of(
                UUID.fromString("63da758d-e664-4564-adc5-f4b93be8accd"),
                UUID.fromString("4ab7b379-bbac-4fe4-a02f-05aef327c782"),
                UUID.fromString("c0b406a4-a803-4952-9743-3fb6014cd0ae")),
            List.of(
                resource("go-sev-guest/vcek.testcer"),
                chain.get(0).getEncoded(),
                chain.get(1).getEncoded()));
    ConfigfsTsm tsm =
        new ConfigfsTsm(
            dir,
            entry -> {
              // What the kernel creates in a new entry, with the answer it would give.
              Files.createDirectory(entry);
              Files.writeString(entry.resolve("provider"), "sev_guest\n");
              Files.writeString(entry.resolve("generation"), "1\n");
              Files.write(entry.resolve("outblob"), report);
              Files.write(entry.resolve("auxblob"), table);
            },
            ProvidersTest::removeEntry);
    byte[] nonce = {1, 2, 3, 4, 5};

    TsmReport r = tsm.report(nonce);

    assertThat(r.provider()).isEqualTo("sev_guest");
    assertThat(ConfigfsTsm.formatOf(r.provider())).isEqualTo("sev-snp");
    assertThat(r.outblob()).isEqualTo(report);
    try (var entries = Files.list(dir)) {
      assertThat(entries).as("the entry is removed").isEmpty();
    }
    CollateralFiles.CollateralFile aux = CollateralFiles.read(r.auxblob().orElseThrow());
    assertThat(aux.kind()).isEqualTo("SEV-SNP certificate table");
    assertThat(aux.collateral().certificates()).hasSize(3);
    Verdict v =
        AttestationVerifier.pinned()
            .verify(
                r.outblob(),
                aux.collateral(),
                AttestationPolicy.defaults().withAllowDebug(true),
                nonce,
                Instant.parse("2024-06-01T00:00:00Z"));
    assertThat(v.accepted()).as(v.reasons().toString()).isTrue();
  }

  @Test
  void configfsTsmReadsTdxQuotesAndRefusesBadAnswersAndInput() throws Exception {
    byte[] quote = resource("dcap-qvl/tdx_quote");
    byte[][] answer = {quote};
    ConfigfsTsm tsm =
        new ConfigfsTsm(
            dir,
            entry -> {
              Files.createDirectory(entry);
              Files.writeString(entry.resolve("provider"), "tdx_guest\n");
              Files.writeString(entry.resolve("generation"), "3\n");
              Files.write(entry.resolve("outblob"), answer[0]);
            },
            ProvidersTest::removeEntry);

    TsmReport r = tsm.report(new byte[64]);
    assertThat(r.provider()).isEqualTo("tdx_guest");
    assertThat(r.auxblob()).isEmpty();
    assertThat(r.generation()).isEqualTo(3);
    assertThat(tsm.format()).isEqualTo("tdx");
    assertThat(tsm.produce(new byte[32]).format()).isEqualTo("tdx");

    answer[0] = new byte[0];
    assertThatThrownBy(() -> tsm.report(new byte[64])).hasMessageContaining("empty report");
    assertThatThrownBy(() -> tsm.report(new byte[65])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConfigfsTsm.formatOf("arm_cca_guest"))
        .hasMessageContaining("unknown configfs-tsm provider");
    try (var entries = Files.list(dir)) {
      assertThat(entries).as("every entry is removed, also after a failure").isEmpty();
    }
  }

  @Test
  void gramineWritesUserReportDataAndReadsTheQuote() throws Exception {
    byte[] quote = resource("dcap-qvl/sgx_quote");
    Files.writeString(dir.resolve("attestation_type"), "dcap");
    Files.write(dir.resolve("quote"), quote);
    GramineSgx gramine = new GramineSgx(dir);
    byte[] data = "Hello, world!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(gramine.available()).isTrue();
    assertThat(gramine.quote(data)).isEqualTo(quote);
    assertThat(Files.readAllBytes(dir.resolve("user_report_data")))
        .isEqualTo(Arrays.copyOf(data, 64));
    assertThat(AttestationVerifier.detect(gramine.produce(data).data()))
        .contains(io.txnchain.tee.evidence.TeeType.SGX);

    Files.writeString(dir.resolve("attestation_type"), "none");
    assertThat(gramine.available()).isFalse();
    assertThatThrownBy(() -> gramine.quote(data)).hasMessageContaining("remote_attestation");
  }
}
