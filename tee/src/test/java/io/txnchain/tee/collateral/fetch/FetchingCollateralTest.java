package io.txnchain.tee.collateral.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.CollateralSource;
import io.txnchain.tee.policy.HardwareEvidenceVerifier;
import io.txnchain.tee.policy.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching against a real HTTP server on loopback that serves the genuine sample collateral the way
 * AMD's KDS and Intel's PCS do (paths, issuer-chain headers, DER CRLs). Nothing here reaches the
 * real services.
 */
class FetchingCollateralTest {
  private static final Instant DCAP_NOW = Instant.parse("2025-07-01T00:00:00Z");
  private static final Instant SNP_NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final Duration AHEAD = Duration.ofHours(24);
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path dir;
  private final AttestationVerifier verifier = AttestationVerifier.pinned();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile UnaryOperator<byte[]> tamperTcbInfo = b -> b;
  private HttpServer server;
  private String url;

  private static byte[] resource(String name) throws IOException {
    try (InputStream in =
        FetchingCollateralTest.class.getResourceAsStream("/attestation/" + name)) {
      return in.readAllBytes();
    }
  }

  @BeforeEach
  void serve() throws IOException {
    JsonNode sgx = new ObjectMapper().readTree(resource("dcap-qvl/sgx_quote_collateral.json"));
    byte[] vcek = resource("go-sev-guest/vcek.testcer");
    byte[] chain = resource("go-sev-guest/ask_ark_milan.pem");
    String chipId = HEX.formatHex(java.util.Arrays.copyOfRange(snpReport(), 0x1A0, 0x1E0));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          String path = x.getRequestURI().getPath();
          String query = x.getRequestURI().getQuery();
          requests.add(x.getRequestURI().toString());
          switch (path) {
            case "/sgx/certification/v4/tcb" -> {
              if (!"fmspc=00a067110000".equals(query)) {
                send(x, 404, new byte[0]);
                return;
              }
              x.getResponseHeaders()
                  .add("TCB-Info-Issuer-Chain", encoded(sgx, "tcb_info_issuer_chain"));
              send(x, 200, tamperTcbInfo.apply(signed("tcbInfo", sgx, "tcb_info")));
            }
            case "/sgx/certification/v4/qe/identity" -> {
              x.getResponseHeaders()
                  .add(
                      "SGX-Enclave-Identity-Issuer-Chain",
                      encoded(sgx, "qe_identity_issuer_chain"));
              send(x, 200, signed("enclaveIdentity", sgx, "qe_identity"));
            }
            case "/sgx/certification/v4/pckcrl" -> {
              x.getResponseHeaders()
                  .add("SGX-PCK-CRL-Issuer-Chain", encoded(sgx, "pck_crl_issuer_chain"));
              send(x, 200, HEX.parseHex(sgx.get("pck_crl").asText()));
            }
            case "/sgx/certification/v4/rootcacrl" ->
                send(x, 200, HEX.parseHex(sgx.get("root_ca_crl").asText()));
            case "/vcek/v1/Milan/cert_chain" -> send(x, 200, chain);
            default -> {
              if (path.equals("/vcek/v1/Milan/" + chipId) && query.startsWith("blSPL=")) {
                send(x, 200, vcek);
              } else {
                send(x, 404, new byte[0]);
              }
            }
          }
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void send(HttpExchange x, int status, byte[] body) throws IOException {
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      x.getResponseBody().write(body);
    }
    x.close();
  }

  private static String encoded(JsonNode sgx, String field) {
    return URLEncoder.encode(sgx.get(field).asText(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A PCS response: the signed JSON exactly as signed, and its signature. */
  private static byte[] signed(String member, JsonNode sgx, String field) {
    return ("{\""
            + member
            + "\":"
            + sgx.get(field).asText()
            + ",\"signature\":\""
            + sgx.get(field + "_signature").asText()
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sgxQuote() throws IOException {
    return resource("dcap-qvl/sgx_quote");
  }

  private static byte[] snpReport() throws IOException {
    return resource("go-sev-guest/attestation.bin");
  }

  private FetchingCollateral source(String amd, String intel) {
    return new FetchingCollateral(
        Collateral.empty(),
        amd,
        intel,
        new CollateralFetcher(Duration.ofSeconds(5)),
        new CollateralCache(dir.resolve("cache")),
        AHEAD,
        verifier);
  }

  private Verdict verify(
      byte[] evidence, CollateralSource.Supplied s, AttestationPolicy p, Instant now) {
    return verifier.verify(evidence, s.collateral(), p, now);
  }

  @Test
  void fetchedIntelCollateralVerifiesTheSgxSampleAndIsThenServedFromTheCache() throws Exception {
    CollateralSource.Supplied first = source("", url).supply(sgxQuote(), DCAP_NOW);
    Verdict v = verify(sgxQuote(), first, AttestationPolicy.defaults(), DCAP_NOW);
    assertThat(v.accepted()).as(v.reasons().toString()).isTrue();
    assertThat(v.evidence().tcbStatus().id()).isEqualTo("ConfigurationAndSWHardeningNeeded");
    assertThat(requests)
        .containsExactlyInAnyOrder(
            "/sgx/certification/v4/tcb?fmspc=00a067110000",
            "/sgx/certification/v4/qe/identity",
            "/sgx/certification/v4/pckcrl?ca=processor&encoding=der",
            "/sgx/certification/v4/rootcacrl");

    assertThat(source("", url).supply(sgxQuote(), DCAP_NOW).notes()).isEmpty();
    FetchingCollateral same = source("", url);
    same.supply(sgxQuote(), DCAP_NOW);
    CollateralSource.Supplied again = same.supply(sgxQuote(), DCAP_NOW.plusSeconds(3600));
    assertThat(verify(sgxQuote(), again, AttestationPolicy.defaults(), DCAP_NOW).accepted())
        .isTrue();
    assertThat(requests).as("later checks, and a restarted node, use the disk cache").hasSize(4);
  }

  @Test
  void theVcekAndAmdChainAreFetchedForTheReportsChipAndReportedTcb() throws Exception {
    AttestationPolicy debugAllowed = AttestationPolicy.defaults().withAllowDebug(true);
    CollateralSource.Supplied s = source(url, "").supply(snpReport(), SNP_NOW);
    Verdict v = verify(snpReport(), s, debugAllowed, SNP_NOW);
    assertThat(v.accepted()).as(v.reasons() + " " + s.notes()).isTrue();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0)).startsWith("/vcek/v1/Milan/").contains("?blSPL=", "&ucodeSPL=");
    assertThat(requests.get(1)).isEqualTo("/vcek/v1/Milan/cert_chain");
    source(url, "").supply(snpReport(), SNP_NOW);
    assertThat(requests).hasSize(2);
    // The sample allows debug: the default policy still refuses it, whatever was fetched.
    assertThat(verify(snpReport(), s, AttestationPolicy.defaults(), SNP_NOW).accepted()).isFalse();
  }

  @Test
  void anItemCloseToExpiryIsFetchedAgainAndAnExpiredOneToo() throws Exception {
    source("", url).supply(sgxQuote(), DCAP_NOW);
    assertThat(requests).hasSize(4);
    Instant until =
        new CollateralCache(dir.resolve("cache")).get("intel-sgx-tcb-00a067110000").validUntil();
    assertThat(until).isEqualTo(Instant.parse("2025-07-19T10:56:11Z"));

    Instant soon = until.minus(Duration.ofHours(2));
    CollateralSource.Supplied refreshed = source("", url).supply(sgxQuote(), soon);
    assertThat(requests.size()).isGreaterThan(4);
    assertThat(verify(sgxQuote(), refreshed, AttestationPolicy.defaults(), soon).accepted())
        .isTrue();

    int before = requests.size();
    Instant after = until.plusSeconds(1);
    CollateralSource.Supplied expired = source("", url).supply(sgxQuote(), after);
    assertThat(requests.size()).isGreaterThan(before);
    Verdict v = verify(sgxQuote(), expired, AttestationPolicy.defaults(), after);
    assertThat(v.accepted()).isFalse();
    assertThat(String.join(" ", v.reasons())).contains("expired");
  }

  @Test
  void withTheServiceDownAValidCacheIsUsedAndWithoutOneTheReasonIsClear() throws Exception {
    source("", url).supply(sgxQuote(), DCAP_NOW);
    server.stop(0);
    int before = requests.size();

    Instant until =
        new CollateralCache(dir.resolve("cache")).get("intel-sgx-tcb-00a067110000").validUntil();
    Instant soon = until.minus(Duration.ofHours(2));
    CollateralSource.Supplied cached = source("", url).supply(sgxQuote(), soon);
    assertThat(verify(sgxQuote(), cached, AttestationPolicy.defaults(), soon).accepted()).isTrue();
    assertThat(String.join(" ", cached.notes()))
        .contains("cannot connect", "using the cached copy");
    assertThat(requests).hasSize(before);

    Path empty = dir.resolve("nothing-cached");
    FetchingCollateral cold =
        new FetchingCollateral(
            Collateral.empty(),
            "",
            url,
            new CollateralFetcher(Duration.ofSeconds(5)),
            new CollateralCache(empty),
            AHEAD,
            verifier);
    HardwareEvidenceVerifier hw =
        new HardwareEvidenceVerifier("sgx-dcap", verifier, AttestationPolicy.defaults(), cold);
    EvidenceException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            EvidenceException.class, () -> hw.verify(sgxQuote(), DCAP_NOW));
    assertThat(e.getMessage())
        .contains(
            "collateral: cannot obtain the SGX TCB Info for FMSPC 00a067110000",
            url + "/sgx/certification/v4/tcb?fmspc=00a067110000",
            "cannot connect");
  }

  @Test
  void aTamperedResponseIsRejectedByVerificationAndNotCached() throws Exception {
    tamperTcbInfo =
        b -> {
          String s = new String(b, StandardCharsets.UTF_8);
          // The TCB evaluation data number is inside the signed bytes.
          return s.replace("\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":18")
              .getBytes(StandardCharsets.UTF_8);
        };
    CollateralSource.Supplied s = source("", url).supply(sgxQuote(), DCAP_NOW);
    Verdict v = verify(sgxQuote(), s, AttestationPolicy.defaults(), DCAP_NOW);
    assertThat(v.accepted()).isFalse();
    assertThat(String.join(" ", v.reasons())).contains("TCB Info signature does not verify");
    assertThat(String.join(" ", s.notes())).contains("not cached");
    assertThat(Files.exists(dir.resolve("cache").resolve("intel-sgx-tcb-00a067110000"))).isFalse();

    tamperTcbInfo = b -> b;
    int before = requests.size();
    CollateralSource.Supplied honest = source("", url).supply(sgxQuote(), DCAP_NOW);
    assertThat(requests.size()).isGreaterThan(before);
    assertThat(verify(sgxQuote(), honest, AttestationPolicy.defaults(), DCAP_NOW).accepted())
        .isTrue();
  }

  @Test
  void aVlekCannotBeFetchedAndAnUnconfiguredServiceIsSaid() throws Exception {
    byte[] vlek = snpReport();
    vlek[0x48] = (byte) ((vlek[0x48] & ~0x1C) | (1 << 2));
    assertThat(String.join(" ", source(url, url).supply(vlek, SNP_NOW).notes()))
        .contains("VLEK", "does not serve");
    assertThat(String.join(" ", source("", url).supply(snpReport(), SNP_NOW).notes()))
        .contains("attestation.amd-kds-url");
    assertThat(requests).isEmpty();
  }
}
