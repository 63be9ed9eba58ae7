package io.txnchain.tee.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.tee.collateral.Certificates;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.SignatureChecks;
import io.txnchain.tee.collateral.SignedJson;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.TeeType;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies Intel SGX (quote v3) and TDX (quote v4, v5) DCAP quotes offline: the quote signature by
 * the attestation key, the QE report signature by the PCK key and its binding to the attestation
 * key, the PCK chain to the pinned Intel SGX Root CA, both CRLs, the TCB Info and QE Identity
 * signatures over their exact bytes, validity of everything at {@code now}, and TCB level matching
 * to a status with advisories. Every problem is collected rather than stopping at the first.
 */
public final class DcapVerifier {
  private static final HexFormat HEX = HexFormat.of();
  private static final String TCB_SIGNING = "Intel SGX TCB Signing";
  private final X509Certificate root;
  private final SignatureChecks signatures;

  public DcapVerifier(X509Certificate root, SignatureChecks signatures) {
    this.root = root;
    this.signatures = signatures;
  }

  /** A verifier that trusts the pinned Intel SGX Root CA. */
  public static DcapVerifier pinned(SignatureChecks signatures) {
    return new DcapVerifier(IntelRoot.pinned(), signatures);
  }

  /** Checks a quote and returns what was found; throws only when the quote cannot be parsed. */
  public EvidenceReport inspect(byte[] data, Collateral collateral, Instant now)
      throws EvidenceException {
    Quote quote = Quote.parse(data);
    Check check = new Check(now, signatures);
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Long> tcb = new LinkedHashMap<>();
    fields.put("quoteVersion", Integer.toString(quote.version()));
    fields.put("qeSvn", Integer.toString(quote.qeSvn()));
    fields.put("pceSvn", Integer.toString(quote.pceSvn()));

    EnclaveReport qe = new EnclaveReport(quote.qeReport());
    byte[] measurement;
    byte[] reportData;
    boolean debug;
    byte[] teeTcbSvn = null;
    TdReport td = null;
    if (quote.isTdx()) {
      td = new TdReport(quote.body());
      measurement = td.mrTd();
      reportData = td.reportData();
      debug = td.debug();
      teeTcbSvn = td.teeTcbSvn();
      tdxFields(td, fields);
    } else {
      EnclaveReport app = new EnclaveReport(quote.body());
      measurement = app.mrEnclave();
      reportData = app.reportData();
      debug = app.debug();
      sgxFields(app, fields);
    }

    // The quote itself: signed by the attestation key, which the QE vouches for.
    check.signature(
        "the quote signature does not verify with its attestation key",
        attestationKey(quote.attestationKey(), check),
        quote.signedBytes(),
        quote.signature());
    byte[] binding = sha256(concat(quote.attestationKey(), quote.qeAuthData()));
    byte[] qeData = qe.reportData();
    if (!Arrays.equals(Arrays.copyOf(qeData, 32), binding)
        || !Arrays.equals(Arrays.copyOfRange(qeData, 32, 64), new byte[32])) {
      check.problem(
          "the QE report does not bind the attestation key (report data is not"
              + " SHA-256(attestation key || QE authentication data))");
    }

    // The QE report, signed by the PCK key, whose chain ends in the pinned root.
    PckExtensions pck = null;
    X509Certificate pckCa = null;
    X509Certificate pckLeaf = null;
    if (quote.certificationType() != 5) {
      check.problem(
          "unsupported certification data type "
              + quote.certificationType()
              + " (only 5, a PEM PCK certificate chain, can be verified offline)");
    } else {
      List<X509Certificate> chain = pckChain(quote, check);
      if (chain.size() >= 2) {
        pckLeaf = chain.get(0);
        pckCa = chain.get(1);
        check.link(pckLeaf, pckCa);
        check.link(pckCa, root);
        check.validity(pckLeaf);
        check.validity(pckCa);
        check.validity(root);
        check.signature(
            "the QE report signature does not verify with the PCK key",
            pckLeaf.getPublicKey(),
            quote.qeReport(),
            quote.qeReportSignature());
        try {
          pck = PckExtensions.of(pckLeaf);
          fields.put("fmspc", HEX.formatHex(pck.fmspc()));
          fields.put("pceId", HEX.formatHex(pck.pceId()));
          fields.put("pckPceSvn", Integer.toString(pck.pceSvn()));
          fields.put("pckCpuSvn", HEX.formatHex(pck.cpuSvn()));
        } catch (IOException | RuntimeException e) {
          check.problem("cannot read the PCK certificate's SGX extension: " + e.getMessage());
        }
      }
    }
    fields.put("qeMrsigner", HEX.formatHex(qe.mrSigner()));
    fields.put("qeIsvProdId", Integer.toString(qe.isvProdId()));
    fields.put("qeIsvSvn", Integer.toString(qe.isvSvn()));

    // Revocation: the root's CRL covers the intermediates, the PCK CA's CRL covers the PCK.
    X509Certificate tcbSigner = tcbSigner(collateral, check);
    Optional<X509CRL> rootCrl = check.crl(collateral, root, "root CA");
    if (rootCrl.isPresent()) {
      for (X509Certificate c : Arrays.asList(pckCa, tcbSigner)) {
        if (c != null && rootCrl.get().isRevoked(c)) {
          check.problem("certificate " + Certificates.subjectName(c) + " is revoked");
        }
      }
    }
    if (pckCa != null) {
      Optional<X509CRL> pckCrl = check.crl(collateral, pckCa, "PCK");
      if (pckCrl.isPresent() && pckLeaf != null && pckCrl.get().isRevoked(pckLeaf)) {
        check.problem("the PCK certificate is revoked");
      }
    }

    // TCB Info and QE Identity: signed by the TCB Signing key, current at now.
    String tcbId = quote.isTdx() ? "TDX" : "SGX";
    TcbMatch status = null;
    Optional<JsonNode> tcbInfo = Optional.empty();
    if (pck != null) {
      tcbInfo = tcbInfo(collateral, tcbId, pck, tcbSigner, check);
    }
    Optional<JsonNode> qeIdentity =
        qeIdentity(collateral, quote.isTdx() ? "TD_QE" : "QE", tcbSigner, check);
    TcbMatch qeStatus = null;
    if (qeIdentity.isPresent()) {
      qeStatus = qeChecks(qeIdentity.get(), qe, check);
    }
    if (tcbInfo.isPresent()) {
      JsonNode info = tcbInfo.get();
      tcb.put("tcbEvaluationDataNumber", info.path("tcbEvaluationDataNumber").asLong());
      status = TcbMatch.platform(info, pck, teeTcbSvn);
      if (status.status() == null) {
        check.problem("no TCB level in the " + tcbId + " TCB Info matches the platform's TCB");
      }
      if (td != null) {
        status = status.convergeWith(tdxModule(info, td, check));
      }
    }
    if (status != null && qeStatus != null) {
      if (qeStatus.status() == null) {
        check.problem("no TCB level in the QE Identity matches the QE's ISV SVN " + qe.isvSvn());
      }
      status = status.convergeWith(qeStatus);
    }
    if (pck != null) {
      tcb.put("pceSvn", (long) pck.pceSvn());
    }
    if (td != null) {
      tcb.put("tdxModuleSvn", (long) (teeTcbSvn[0] & 0xff));
    }
    return new EvidenceReport(
        quote.isTdx() ? TeeType.TDX : TeeType.SGX,
        measurement,
        reportData,
        debug,
        status == null ? null : status.status(),
        status == null ? List.of() : status.advisories(),
        fields,
        tcb,
        check.validUntil,
        check.problems);
  }

  private static void sgxFields(EnclaveReport app, Map<String, String> fields) {
    fields.put("mrenclave", HEX.formatHex(app.mrEnclave()));
    fields.put("mrsigner", HEX.formatHex(app.mrSigner()));
    fields.put("isvProdId", Integer.toString(app.isvProdId()));
    fields.put("isvSvn", Integer.toString(app.isvSvn()));
    fields.put("attributes", HEX.formatHex(app.attributes()));
    fields.put("miscselect", Long.toString(app.miscSelect()));
    fields.put("cpuSvn", HEX.formatHex(app.cpuSvn()));
    fields.put("reportData", HEX.formatHex(app.reportData()));
  }

  private static void tdxFields(TdReport td, Map<String, String> fields) {
    fields.put("mrtd", HEX.formatHex(td.mrTd()));
    for (int i = 0; i < 4; i++) {
      fields.put("rtmr" + i, HEX.formatHex(td.rtmr(i)));
    }
    fields.put("mrconfigid", HEX.formatHex(td.mrConfigId()));
    fields.put("mrowner", HEX.formatHex(td.mrOwner()));
    fields.put("mrownerconfig", HEX.formatHex(td.mrOwnerConfig()));
    fields.put("mrseam", HEX.formatHex(td.mrSeam()));
    fields.put("mrsignerseam", HEX.formatHex(td.mrSignerSeam()));
    fields.put("seamAttributes", String.format("%016x", td.seamAttributes()));
    fields.put("tdAttributes", String.format("%016x", td.tdAttributes()));
    fields.put("xfam", String.format("%016x", td.xfam()));
    fields.put("teeTcbSvn", HEX.formatHex(td.teeTcbSvn()));
    if (td.teeTcbSvn2() != null) {
      fields.put("teeTcbSvn2", HEX.formatHex(td.teeTcbSvn2()));
    }
    fields.put("reportData", HEX.formatHex(td.reportData()));
  }

  private List<X509Certificate> pckChain(Quote quote, Check check) {
    List<X509Certificate> chain;
    try {
      chain = Certificates.pemChain(quote.certificationData());
    } catch (GeneralSecurityException e) {
      check.problem("the quote's PCK certificate chain is malformed: " + e.getMessage());
      return List.of();
    }
    if (chain.size() < 2) {
      check.problem("the quote's PCK certificate chain has " + chain.size() + " certificate(s)");
      return List.of();
    }
    if (chain.size() > 2 && !chain.get(chain.size() - 1).equals(root)) {
      check.problem("the quote's PCK chain does not end in the pinned Intel SGX Root CA");
    }
    return chain;
  }

  /** A TCB Signing certificate from the collateral that chains to the root, valid now if any is. */
  private X509Certificate tcbSigner(Collateral collateral, Check check) {
    List<X509Certificate> signers = new ArrayList<>();
    for (X509Certificate c : collateral.certificatesNamed(TCB_SIGNING::equals)) {
      try {
        signatures.certificate(c, root.getPublicKey());
        signers.add(c);
      } catch (GeneralSecurityException e) {
        check.problem(
            "a " + TCB_SIGNING + " certificate in the collateral is not signed by the root");
      }
    }
    if (signers.isEmpty()) {
      check.problem("no " + TCB_SIGNING + " certificate in the collateral");
      return null;
    }
    // Intel renewed this certificate with the same key; prefer the one valid at now.
    X509Certificate chosen = signers.get(0);
    for (X509Certificate c : signers) {
      if (!check.now.isBefore(c.getNotBefore().toInstant())
          && !check.now.isAfter(c.getNotAfter().toInstant())) {
        chosen = c;
        break;
      }
    }
    check.validity(chosen);
    return chosen;
  }

  private Optional<JsonNode> tcbInfo(
      Collateral collateral, String id, PckExtensions pck, X509Certificate signer, Check check) {
    String fmspc = HEX.formatHex(pck.fmspc());
    SignedJson found = null;
    for (SignedJson j : collateral.tcbInfos()) {
      if (j.id().equals(id) && j.body().path("fmspc").asText().equalsIgnoreCase(fmspc)) {
        found = j;
        break;
      }
    }
    if (found == null) {
      check.problem("no " + id + " TCB Info for FMSPC " + fmspc + " in the collateral");
      return Optional.empty();
    }
    if (signer != null) {
      check.signature(
          "the " + id + " TCB Info signature does not verify with the TCB Signing key",
          signer.getPublicKey(),
          found.signedBytes(),
          found.signature());
    }
    check.window(id + " TCB Info", found.body());
    if (!found.body().path("pceId").asText().equalsIgnoreCase(HEX.formatHex(pck.pceId()))) {
      check.problem("the TCB Info's PCE id does not match the PCK certificate's");
    }
    return Optional.of(found.body());
  }

  private Optional<JsonNode> qeIdentity(
      Collateral collateral, String id, X509Certificate signer, Check check) {
    SignedJson found = null;
    for (SignedJson j : collateral.qeIdentities()) {
      if (j.id().equals(id)) {
        found = j;
        break;
      }
    }
    if (found == null) {
      check.problem("no " + id + " identity in the collateral");
      return Optional.empty();
    }
    if (signer != null) {
      check.signature(
          "the " + id + " identity signature does not verify with the TCB Signing key",
          signer.getPublicKey(),
          found.signedBytes(),
          found.signature());
    }
    check.window(id + " identity", found.body());
    return Optional.of(found.body());
  }

  /** The QE must be Intel's (signer, product, masked attributes); returns its TCB status. */
  private static TcbMatch qeChecks(JsonNode identity, EnclaveReport qe, Check check) {
    if (!identity.path("mrsigner").asText().equalsIgnoreCase(HEX.formatHex(qe.mrSigner()))) {
      check.problem("the Quoting Enclave's MRSIGNER is not the one in the QE Identity");
    }
    if (identity.path("isvprodid").asInt(-1) != qe.isvProdId()) {
      check.problem("the Quoting Enclave's ISVPRODID is not the one in the QE Identity");
    }
    try {
      long mask = Long.parseLong(identity.path("miscselectMask").asText(), 16);
      long want = Long.parseLong(identity.path("miscselect").asText(), 16);
      if ((qe.miscSelect() & mask) != want) {
        check.problem("the Quoting Enclave's MISCSELECT does not match the QE Identity");
      }
      byte[] attrMask = HEX.parseHex(identity.path("attributesMask").asText());
      byte[] attrWant = HEX.parseHex(identity.path("attributes").asText());
      byte[] attrs = qe.attributes();
      for (int i = 0; i < 16; i++) {
        if ((attrs[i] & attrMask[i]) != attrWant[i]) {
          check.problem("the Quoting Enclave's attributes do not match the QE Identity");
          break;
        }
      }
    } catch (RuntimeException e) {
      check.problem("the QE Identity has malformed masks: " + e.getMessage());
    }
    return TcbMatch.byIsvSvn(identity.path("tcbLevels"), qe.isvSvn());
  }

  /** The TDX module's identity and status, from TCB Info version 3. */
  private static TcbMatch tdxModule(JsonNode info, TdReport td, Check check) {
    byte[] svn = td.teeTcbSvn();
    int major = svn[1] & 0xff;
    JsonNode identity = info.path("tdxModule");
    JsonNode levels = null;
    if (major > 0) {
      String id = String.format("TDX_%02X", major);
      identity = null;
      for (JsonNode m : info.path("tdxModuleIdentities")) {
        if (m.path("id").asText().equalsIgnoreCase(id)) {
          identity = m;
          levels = m.path("tcbLevels");
        }
      }
      if (identity == null) {
        check.problem("no TDX module identity " + id + " in the TCB Info");
        return new TcbMatch(null, List.of());
      }
    }
    if (identity.isMissingNode()) {
      check.problem("the TDX TCB Info has no TDX module identity");
      return new TcbMatch(null, List.of());
    }
    if (!identity.path("mrsigner").asText().equalsIgnoreCase(HEX.formatHex(td.mrSignerSeam()))) {
      check.problem("the TDX module's signer (MRSIGNERSEAM) is not the one in the TCB Info");
    }
    try {
      long mask = Long.parseUnsignedLong(identity.path("attributesMask").asText(), 16);
      long want = Long.parseUnsignedLong(identity.path("attributes").asText(), 16);
      if ((Long.reverseBytes(td.seamAttributes()) & mask) != want) {
        check.problem("the TDX module's attributes do not match the TCB Info");
      }
    } catch (RuntimeException e) {
      check.problem("the TCB Info has malformed TDX module attributes: " + e.getMessage());
    }
    if (levels == null) {
      return new TcbMatch(null, List.of());
    }
    TcbMatch m = TcbMatch.byIsvSvn(levels, svn[0] & 0xff);
    if (m.status() == null) {
      check.problem("no TCB level of the TDX module identity matches its SVN " + (svn[0] & 0xff));
    }
    return m;
  }

  private static PublicKey attestationKey(byte[] xy, Check check) {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
      ECPoint point =
          new ECPoint(
              new BigInteger(1, Arrays.copyOf(xy, 32)),
              new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    } catch (GeneralSecurityException e) {
      check.problem("the quote's attestation key is not a P-256 point");
      return null;
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Collects problems and the earliest expiry while the checks run. */
  private static final class Check {
    final Instant now;
    final SignatureChecks signatures;
    final List<String> problems = new ArrayList<>();
    Instant validUntil = Instant.MAX;

    Check(Instant now, SignatureChecks signatures) {
      this.now = now;
      this.signatures = signatures;
    }

    void problem(String p) {
      problems.add(p);
    }

    void expiresAt(Instant t) {
      if (t.isBefore(validUntil)) {
        validUntil = t;
      }
    }

    void signature(String failure, PublicKey key, byte[] signed, byte[] p1363) {
      if (key == null) {
        problems.add(failure);
        return;
      }
      if (!signatures.ecdsaP1363("SHA256", key, signed, p1363)) {
        problems.add(failure);
      }
    }

    void link(X509Certificate cert, X509Certificate issuer) {
      try {
        signatures.certificate(cert, issuer.getPublicKey());
      } catch (GeneralSecurityException e) {
        problems.add(
            "certificate "
                + Certificates.subjectName(cert)
                + " is not signed by "
                + Certificates.subjectName(issuer));
      }
    }

    void validity(X509Certificate c) {
      Instant from = c.getNotBefore().toInstant();
      Instant to = c.getNotAfter().toInstant();
      if (now.isBefore(from)) {
        problems.add("certificate " + Certificates.subjectName(c) + " is not valid before " + from);
      } else if (now.isAfter(to)) {
        problems.add("certificate " + Certificates.subjectName(c) + " expired at " + to);
      }
      expiresAt(to);
    }

    /** The CRL issued by {@code issuer}: signed by it and current at now. */
    Optional<X509CRL> crl(Collateral collateral, X509Certificate issuer, String name) {
      Optional<X509CRL> crl = collateral.crlIssuedBy(issuer.getSubjectX500Principal());
      if (crl.isEmpty()) {
        problems.add("no " + name + " CRL (issued by " + Certificates.subjectName(issuer) + ")");
        return crl;
      }
      try {
        signatures.crl(crl.get(), issuer.getPublicKey());
      } catch (GeneralSecurityException e) {
        problems.add("the " + name + " CRL is not signed by " + Certificates.subjectName(issuer));
        return Optional.empty();
      }
      Date next = crl.get().getNextUpdate();
      if (now.isBefore(crl.get().getThisUpdate().toInstant())) {
        problems.add(
            "the " + name + " CRL is not valid before " + crl.get().getThisUpdate().toInstant());
      } else if (next != null && now.isAfter(next.toInstant())) {
        problems.add("the " + name + " CRL expired at " + next.toInstant());
      }
      if (next != null) {
        expiresAt(next.toInstant());
      }
      return crl;
    }

    /** Collateral is current from issueDate until nextUpdate. */
    void window(String name, JsonNode body) {
      try {
        Instant issued = Instant.parse(body.path("issueDate").asText());
        Instant next = Instant.parse(body.path("nextUpdate").asText());
        if (now.isBefore(issued)) {
          problems.add("the " + name + " is not valid before " + issued);
        } else if (now.isAfter(next)) {
          problems.add("the " + name + " expired at " + next + " (collateral expired)");
        }
        expiresAt(next);
      } catch (DateTimeParseException e) {
        problems.add("the " + name + " has malformed issueDate/nextUpdate");
      }
    }
  }
}
