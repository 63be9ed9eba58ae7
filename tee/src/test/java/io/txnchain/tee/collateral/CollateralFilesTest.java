package io.txnchain.tee.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.Verdict;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Intel collateral as separate PCS response files (TCB Info and QE Identity JSON, CRLs in DER, PEM
 * and hex, URL-encoded issuer chains), rebuilt from the dcap-qvl sample, verifies like the bundle.
 */
class CollateralFilesTest {
  private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = CollateralFilesTest.class.getResourceAsStream("/attestation/" + name)) {
      return in.readAllBytes();
    }
  }

  private static CollateralFiles.CollateralFile read(String text) {
    return CollateralFiles.read(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pcsResponseFilesVerifyTheSgxQuote() throws Exception {
    JsonNode bundle = new ObjectMapper().readTree(resource("dcap-qvl/sgx_quote_collateral.json"));
    // PCS serves {"tcbInfo":{...},"signature":"..."}; the signed bytes are the inner object as is.
    String tcbInfo =
        "{\"tcbInfo\":"
            + bundle.get("tcb_info").asText()
            + ",\"signature\":\""
            + bundle.get("tcb_info_signature").asText()
            + "\"}";
    String qeIdentity =
        "{\"enclaveIdentity\": "
            + bundle.get("qe_identity").asText()
            + ", \"signature\": \""
            + bundle.get("qe_identity_signature").asText()
            + "\"}";
    byte[] rootCrlDer = HexFormat.of().parseHex(bundle.get("root_ca_crl").asText());
    String pckCrlPem =
        "-----BEGIN X509 CRL-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(HexFormat.of().parseHex(bundle.get("pck_crl").asText()))
            + "\n-----END X509 CRL-----\n";
    String chainHeader =
        URLEncoder.encode(bundle.get("tcb_info_issuer_chain").asText(), StandardCharsets.UTF_8)
            .replace("+", "%20");

    List<CollateralFiles.CollateralFile> files =
        List.of(
            read(tcbInfo),
            read(qeIdentity),
            CollateralFiles.read(rootCrlDer),
            read(pckCrlPem),
            read(chainHeader),
            read(bundle.get("pck_crl_issuer_chain").asText()));
    Collateral.Builder b = Collateral.builder();
    files.forEach(f -> b.addAll(f.collateral()));

    assertThat(files.get(0).kind()).isEqualTo("Intel TCB Info SGX");
    assertThat(files.get(1).kind()).isEqualTo("Intel QE Identity QE");
    assertThat(files.get(2).kind()).contains("CRL of Intel SGX Root CA");
    assertThat(files.get(3).kind()).contains("CRL of Intel SGX PCK Processor CA");
    assertThat(files.get(4).kind()).contains("Intel SGX TCB Signing", "Intel SGX Root CA");
    assertThat(files.get(0).collateral().tcbInfos().get(0).signedBytes())
        .isEqualTo(bundle.get("tcb_info").asText().getBytes(StandardCharsets.UTF_8));
    Verdict v =
        AttestationVerifier.pinned()
            .verify(resource("dcap-qvl/sgx_quote"), b.build(), AttestationPolicy.defaults(), NOW);
    assertThat(v.accepted()).as(v.reasons().toString()).isTrue();
  }

  @Test
  void hexCrlsAndPemCertificatesAreRecognised() throws Exception {
    JsonNode bundle = new ObjectMapper().readTree(resource("dcap-qvl/tdx_quote_collateral.json"));

    assertThat(read(bundle.get("root_ca_crl").asText()).collateral().crls()).hasSize(1);
    assertThat(CollateralFiles.read(resource("go-sev-guest/ask_ark_milan.pem")).kind())
        .isEqualTo("certificates: SEV-Milan, ARK-Milan");
    assertThat(CollateralFiles.read(resource("go-sev-guest/vcek.testcer")).kind())
        .isEqualTo("certificates: SEV-VCEK");
  }

  @Test
  void unknownOrBrokenFilesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> read("hello")).hasMessageContaining("unrecognised collateral file");
    assertThatThrownBy(() -> CollateralFiles.read(new byte[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> read("{\"tcbInfo\": {}}"))
        .hasMessageContaining("Intel TCB Info, QE Identity or a QuoteCollateralV3");
    assertThatThrownBy(() -> read("{\"tcbInfo\": {\"id\": \"SGX\"}, \"signature\": \"zz\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CollateralFiles.read(new byte[] {0x30, 0x03, 0x02, 0x01}))
        .hasMessageContaining("malformed collateral");
  }
}
