package io.txnchain.tee.collateral.fetch;

import io.txnchain.tee.collateral.Certificates;
import io.txnchain.tee.dcap.PckExtensions;
import io.txnchain.tee.dcap.Quote;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.snp.AmdProduct;
import io.txnchain.tee.snp.SnpReport;
import io.txnchain.tee.snp.SnpTcb;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What a piece of evidence needs from the vendors' services, and where each item is served:
 *
 * <ul>
 *   <li>SEV-SNP (VCEK-signed): {@code {kds}/vcek/v1/{product}/{hwid}?[fmcSPL=..&]blSPL=..&teeSPL=..
 *       &snpSPL=..&ucodeSPL=..} for the report's chip id and <em>reported</em> TCB, and {@code
 *       {kds}/vcek/v1/{product}/cert_chain} (ASK and ARK, PEM). A VLEK is provisioned to the cloud
 *       provider and is not served by KDS.
 *   <li>SGX and TDX quotes: {@code {pcs}/{sgx|tdx}/certification/v4/tcb?fmspc=..} (issuer chain in
 *       {@code TCB-Info-Issuer-Chain}), {@code {pcs}/{sgx|tdx}/certification/v4/qe/identity}
 *       ({@code SGX-Enclave-Identity-Issuer-Chain}), {@code
 *       {pcs}/sgx/certification/v4/pckcrl?ca=processor|platform&encoding=der} ({@code
 *       SGX-PCK-CRL-Issuer-Chain}) and {@code {pcs}/sgx/certification/v4/rootcacrl}.
 * </ul>
 */
public final class CollateralNeeds {
  private static final HexFormat HEX = HexFormat.of();

  private CollateralNeeds() {}

  /**
   * The needs of {@code evidence}; empty for evidence of no hardware type.
   *
   * @param amdKds KDS base URL, empty when AMD collateral is not fetched
   * @param intelPcs PCS base URL, empty when Intel collateral is not fetched
   * @throws FetchException when the evidence needs something no service provides (a VLEK) or its
   *     vendor's service is not configured
   */
  public static List<CollateralNeed> of(byte[] evidence, String amdKds, String intelPcs)
      throws FetchException {
    if (Quote.looksLike(evidence)) {
      return intel(evidence, intelPcs);
    }
    if (SnpReport.looksLike(evidence)) {
      return amd(evidence, amdKds);
    }
    return List.of();
  }

  private static List<CollateralNeed> amd(byte[] evidence, String kds) throws FetchException {
    SnpReport report;
    try {
      report = SnpReport.parse(evidence);
    } catch (EvidenceException e) {
      return List.of();
    }
    if (report.signingKey() == SnpReport.SigningKey.VLEK) {
      throw new FetchException(
          "the SEV-SNP report is signed by a VLEK, which AMD's KDS does not serve (it is"
              + " provisioned to the cloud provider): put the VLEK certificate and the"
              + " ASVK/ARK chain in the collateral directory");
    }
    if (kds.isEmpty()) {
      throw new FetchException(
          "no AMD KDS URL is configured (attestation.amd-kds-url), so the VCEK is not fetched");
    }
    AmdProduct byCpuid =
        report.version() >= 3
            ? AmdProduct.fromCpuid(report.cpuidFamily(), report.cpuidModel())
            : null;
    List<AmdProduct> products =
        byCpuid != null ? List.of(byCpuid) : List.of(AmdProduct.MILAN, AmdProduct.GENOA);
    List<List<CollateralRequest>> alternatives = new ArrayList<>();
    for (AmdProduct product : products) {
      SnpTcb tcb = SnpTcb.decode(report.reportedTcb(), product);
      byte[] hwid =
          product == AmdProduct.TURIN ? Arrays.copyOf(report.chipId(), 8) : report.chipId();
      String query =
          (product == AmdProduct.TURIN ? "fmcSPL=" + tcb.fmc() + "&" : "")
              + "blSPL="
              + tcb.bootloader()
              + "&teeSPL="
              + tcb.tee()
              + "&snpSPL="
              + tcb.snp()
              + "&ucodeSPL="
              + tcb.microcode();
      String name = product.amdName();
      alternatives.add(
          List.of(
              new CollateralRequest(
                  "amd-vcek-"
                      + name
                      + "-"
                      + digest(hwid)
                      + "-"
                      + Long.toHexString(report.reportedTcb()),
                  "the "
                      + name
                      + " VCEK for chip "
                      + HEX.formatHex(hwid, 0, 8)
                      + "... at TCB "
                      + query,
                  URI.create(kds + "/vcek/v1/" + name + "/" + HEX.formatHex(hwid) + "?" + query),
                  List.of()),
              new CollateralRequest(
                  "amd-cert-chain-" + name,
                  "the " + name + " ASK/ARK chain",
                  URI.create(kds + "/vcek/v1/" + name + "/cert_chain"),
                  List.of())));
    }
    return List.of(new CollateralNeed("the VCEK and its AMD chain", alternatives));
  }

  private static List<CollateralNeed> intel(byte[] evidence, String pcs) throws FetchException {
    Quote quote;
    X509Certificate leaf;
    try {
      quote = Quote.parse(evidence);
      List<X509Certificate> chain = Certificates.pemChain(quote.certificationData());
      if (chain.isEmpty()) {
        return List.of();
      }
      leaf = chain.get(0);
    } catch (EvidenceException | GeneralSecurityException | RuntimeException e) {
      // The verifier reports a malformed quote; there is nothing to fetch for it.
      return List.of();
    }
    String fmspc;
    try {
      fmspc = HEX.formatHex(PckExtensions.of(leaf).fmspc());
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    if (pcs.isEmpty()) {
      throw new FetchException(
          "no Intel PCS URL is configured (attestation.intel-pcs-url), so Intel collateral is not"
              + " fetched");
    }
    String issuer = Certificates.commonName(leaf.getIssuerX500Principal());
    String ca = issuer.contains("Platform") ? "platform" : "processor";
    String tee = quote.isTdx() ? "tdx" : "sgx";
    String upper = tee.toUpperCase(java.util.Locale.ROOT);
    return List.of(
        CollateralNeed.of(
            new CollateralRequest(
                "intel-" + tee + "-tcb-" + fmspc,
                "the " + upper + " TCB Info for FMSPC " + fmspc,
                URI.create(pcs + "/" + tee + "/certification/v4/tcb?fmspc=" + fmspc),
                List.of("TCB-Info-Issuer-Chain", "SGX-TCB-Info-Issuer-Chain"))),
        CollateralNeed.of(
            new CollateralRequest(
                "intel-" + tee + "-qe-identity",
                "the " + (quote.isTdx() ? "TD_QE" : "QE") + " identity",
                URI.create(pcs + "/" + tee + "/certification/v4/qe/identity"),
                List.of("SGX-Enclave-Identity-Issuer-Chain"))),
        CollateralNeed.of(
            new CollateralRequest(
                "intel-pck-crl-" + ca,
                "the PCK " + ca + " CA CRL",
                URI.create(pcs + "/sgx/certification/v4/pckcrl?ca=" + ca + "&encoding=der"),
                List.of("SGX-PCK-CRL-Issuer-Chain"))),
        CollateralNeed.of(
            new CollateralRequest(
                "intel-root-ca-crl",
                "the Intel SGX Root CA CRL",
                URI.create(pcs + "/sgx/certification/v4/rootcacrl"),
                List.of())));
  }

  private static String digest(byte[] hwid) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(hwid), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
