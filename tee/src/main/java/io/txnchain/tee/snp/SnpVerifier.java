package io.txnchain.tee.snp;

import io.txnchain.tee.collateral.Certificates;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.SignatureChecks;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.TeeType;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies SEV-SNP attestation reports: the report signature by the VCEK (or VLEK), the chain
 * VCEK→ASK→ARK (VLEK→ASVK→ARK) to a pinned AMD root, validity at {@code now}, the key's TCB
 * extensions against the report's reported_tcb, and the key's hwID against chip_id. Policy bits and
 * VMPL are decoded for the policy to judge. No network is used: the VCEK and ASK come from the
 * collateral.
 */
public final class SnpVerifier {
  private static final HexFormat HEX = HexFormat.of();
  private final AmdRoots roots;
  private final SignatureChecks signatures;

  public SnpVerifier(AmdRoots roots, SignatureChecks signatures) {
    this.roots = roots;
    this.signatures = signatures;
  }

  /** Checks {@code data} with the pinned roots and returns what was found. */
  public EvidenceReport inspect(byte[] data, Collateral collateral, Instant now)
      throws EvidenceException {
    return inspect(SnpReport.parse(data), collateral, now);
  }

  /** Checks a parsed report and returns what was found, with every integrity problem. */
  public EvidenceReport inspect(SnpReport report, Collateral collateral, Instant now) {
    List<String> problems = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    Instant[] validUntil = {Instant.MAX};
    if (report.signatureAlgorithm() != 1) {
      problems.add(
          "unsupported SEV-SNP signature algorithm "
              + report.signatureAlgorithm()
              + " (only 1, ECDSA P-384 with SHA-384)");
    }

    if (!report.signaturePaddingIsZero()) {
      problems.add("the report's signature field has non-zero bytes outside r and s");
    }
    AmdProduct product = null;
    X509Certificate leaf = null;
    if (report.signingKey() == SnpReport.SigningKey.NONE) {
      problems.add("the report is not signed by a VCEK or VLEK (signing key field says none)");
    } else {
      String leafName = "SEV-" + report.signingKey().name();
      List<X509Certificate> candidates = collateral.certificatesNamed(leafName::equals);
      if (candidates.isEmpty()) {
        problems.add("no " + report.signingKey() + " certificate in the collateral");
      } else {
        leaf = signer(report, candidates);
        if (leaf == null) {
          problems.add(
              "the report signature does not verify with the "
                  + report.signingKey()
                  + " in the collateral");
          leaf = candidates.get(0);
        }
        product = chain(leaf, collateral, now, problems, validUntil);
        checkLeafClaims(report, leaf, product, problems);
      }
    }

    AmdProduct byCpuid = AmdProduct.fromCpuid(report.cpuidFamily(), report.cpuidModel());
    if (byCpuid != null && product != null && byCpuid != product) {
      problems.add(
          "the report's CPUID names a "
              + byCpuid
              + " processor but its key chains to ARK-"
              + product);
    }
    AmdProduct layout = product != null ? product : byCpuid != null ? byCpuid : AmdProduct.MILAN;
    SnpTcb reported = SnpTcb.decode(report.reportedTcb(), layout);

    fields.put("version", Integer.toString(report.version()));
    fields.put("product", product == null ? "unknown" : product.amdName());
    fields.put("guestSvn", Long.toString(report.guestSvn()));
    fields.put("policy", "0x" + Long.toHexString(report.policy()));
    fields.put("debugAllowed", Boolean.toString(report.debugAllowed()));
    fields.put("smtAllowed", Boolean.toString(report.smtAllowed()));
    fields.put("migrationAgentAllowed", Boolean.toString(report.migrationAgentAllowed()));
    fields.put("vmpl", Integer.toString(report.vmpl()));
    fields.put("signingKey", report.signingKey().name().toLowerCase(java.util.Locale.ROOT));
    fields.put("measurement", HEX.formatHex(report.measurement()));
    fields.put("hostData", HEX.formatHex(report.hostData()));
    fields.put("idKeyDigest", HEX.formatHex(report.idKeyDigest()));
    fields.put("authorKeyDigest", HEX.formatHex(report.authorKeyDigest()));
    fields.put("familyId", HEX.formatHex(report.familyId()));
    fields.put("imageId", HEX.formatHex(report.imageId()));
    fields.put("reportId", HEX.formatHex(report.reportId()));
    fields.put("chipId", HEX.formatHex(report.chipId()));
    fields.put("reportedTcb", tcbHex(report.reportedTcb()));
    fields.put("currentTcb", tcbHex(report.currentTcb()));
    fields.put("committedTcb", tcbHex(report.committedTcb()));
    fields.put("launchTcb", tcbHex(report.launchTcb()));
    fields.put("firmware", report.currentFirmware());
    if (report.version() >= 3) {
      fields.put(
          "cpuid",
          String.format(
              "family 0x%x model 0x%x stepping 0x%x",
              report.cpuidFamily(), report.cpuidModel(), report.cpuidStepping()));
    }

    return new EvidenceReport(
        TeeType.SEV_SNP,
        report.measurement(),
        report.reportData(),
        report.debugAllowed(),
        null,
        List.of(),
        fields,
        reported.components(layout),
        validUntil[0],
        problems);
  }

  private static String tcbHex(long tcb) {
    return String.format("0x%016x", tcb);
  }

  /** The candidate whose key verifies the report signature, or null. */
  private X509Certificate signer(SnpReport report, List<X509Certificate> candidates) {
    for (X509Certificate c : candidates) {
      if (signatures.ecdsaP1363(
          "SHA384", c.getPublicKey(), report.signedBytes(), report.signatureP1363())) {
        return c;
      }
    }
    return null;
  }

  /** Verifies leaf→intermediate→pinned ARK and returns the ARK's product, or null. */
  private AmdProduct chain(
      X509Certificate leaf,
      Collateral collateral,
      Instant now,
      List<String> problems,
      Instant[] validUntil) {
    String leafName = Certificates.subjectName(leaf);
    X509Certificate intermediate = null;
    for (X509Certificate c : collateral.certificates()) {
      if (c.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        intermediate = c;
        break;
      }
    }
    if (intermediate == null) {
      problems.add(
          "no certificate named "
              + Certificates.commonName(leaf.getIssuerX500Principal())
              + " (the issuer of the "
              + leafName
              + ") in the collateral");
      return null;
    }
    String intermediateName = Certificates.subjectName(intermediate);
    Optional<AmdProduct> product =
        roots.productWithRootNamed(intermediate.getIssuerX500Principal());
    if (product.isEmpty()) {
      problems.add(
          intermediateName
              + " is issued by "
              + Certificates.commonName(intermediate.getIssuerX500Principal())
              + ", which is not a pinned AMD root");
      return null;
    }
    X509Certificate ark = roots.ark(product.get());
    for (X509Certificate c : collateral.certificates()) {
      if (c.getSubjectX500Principal().equals(ark.getSubjectX500Principal()) && !c.equals(ark)) {
        problems.add(
            "the collateral's "
                + Certificates.subjectName(c)
                + " differs from the pinned AMD root of that name");
      }
    }
    verifyLink(leaf, intermediate, leafName, problems);
    verifyLink(intermediate, ark, intermediateName, problems);
    verifyLink(ark, ark, "ARK-" + product.get(), problems);
    for (X509Certificate c : List.of(leaf, intermediate, ark)) {
      checkValidity(c, now, problems, validUntil);
    }
    checkRevocation(collateral, ark, List.of(intermediate, leaf), now, problems, validUntil);
    return product.get();
  }

  private void verifyLink(
      X509Certificate cert, X509Certificate issuer, String name, List<String> problems) {
    try {
      signatures.certificate(cert, issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      problems.add(
          "the "
              + name
              + " certificate's signature does not verify with "
              + Certificates.subjectName(issuer)
              + "'s key");
    }
  }

  /**
   * AMD publishes a CRL per product, signed by the ARK, listing revoked ASKs (and ASVKs). It is
   * optional collateral: when present it must verify and be current, and nothing it lists is used.
   */
  private void checkRevocation(
      Collateral collateral,
      X509Certificate ark,
      List<X509Certificate> covered,
      Instant now,
      List<String> problems,
      Instant[] validUntil) {
    Optional<java.security.cert.X509CRL> crl =
        collateral.crlIssuedBy(ark.getSubjectX500Principal());
    if (crl.isEmpty()) {
      return;
    }
    try {
      signatures.crl(crl.get(), ark.getPublicKey());
    } catch (GeneralSecurityException e) {
      problems.add("the AMD CRL is not signed by " + Certificates.subjectName(ark));
      return;
    }
    Date next = crl.get().getNextUpdate();
    if (next != null) {
      if (now.isAfter(next.toInstant())) {
        problems.add("the AMD CRL expired at " + next.toInstant());
      }
      if (next.toInstant().isBefore(validUntil[0])) {
        validUntil[0] = next.toInstant();
      }
    }
    for (X509Certificate c : covered) {
      if (crl.get().isRevoked(c)) {
        problems.add("certificate " + Certificates.subjectName(c) + " is revoked by AMD");
      }
    }
  }

  static void checkValidity(
      X509Certificate c, Instant now, List<String> problems, Instant[] validUntil) {
    try {
      c.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      problems.add(
          "certificate "
              + Certificates.subjectName(c)
              + " expired at "
              + c.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      problems.add(
          "certificate "
              + Certificates.subjectName(c)
              + " is not valid before "
              + c.getNotBefore().toInstant());
    }
    if (c.getNotAfter().toInstant().isBefore(validUntil[0])) {
      validUntil[0] = c.getNotAfter().toInstant();
    }
  }

  private static void checkLeafClaims(
      SnpReport report, X509Certificate leaf, AmdProduct product, List<String> problems) {
    VcekExtensions ext;
    try {
      ext = VcekExtensions.of(leaf);
    } catch (IOException | RuntimeException e) {
      problems.add("the " + report.signingKey() + " has malformed AMD extensions (" + e + ")");
      return;
    }
    if (product != null && !ext.productFamily().equals(product.amdName())) {
      problems.add(
          "the "
              + report.signingKey()
              + " is for product '"
              + ext.productName()
              + "' but chains to ARK-"
              + product);
    }
    AmdProduct layout = product != null ? product : AmdProduct.MILAN;
    SnpTcb reported = SnpTcb.decode(report.reportedTcb(), layout);
    SnpTcb certified = ext.tcb();
    boolean fmcMatters = layout == AmdProduct.TURIN;
    if (certified.bootloader() != reported.bootloader()
        || certified.tee() != reported.tee()
        || certified.snp() != reported.snp()
        || certified.microcode() != reported.microcode()
        || (fmcMatters && certified.fmc() != reported.fmc())) {
      problems.add(
          "the "
              + report.signingKey()
              + " was issued for TCB "
              + certified.components(layout)
              + " but the report's reported_tcb is "
              + reported.components(layout));
    }
    if (report.signingKey() == SnpReport.SigningKey.VCEK) {
      if (ext.hwId().isEmpty()) {
        problems.add("the VCEK has no hwID extension");
      } else {
        byte[] hwId = ext.hwId().get();
        byte[] chip = report.chipId();
        boolean matches =
            hwId.length <= chip.length
                && Arrays.equals(hwId, Arrays.copyOf(chip, hwId.length))
                && allZero(Arrays.copyOfRange(chip, hwId.length, chip.length));
        if (!matches) {
          problems.add("the VCEK's hwID does not equal the report's chip_id (another chip's key)");
        }
      }
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
