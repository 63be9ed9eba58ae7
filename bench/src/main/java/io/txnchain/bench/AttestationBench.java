package io.txnchain.bench;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.TeeType;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.ComplianceCheck;
import io.txnchain.tee.policy.NodeCompliance;
import io.txnchain.tee.policy.NodeEvidence;
import io.txnchain.tee.policy.Verdict;
import io.txnchain.tee.sim.SimEvidenceProvider;
import io.txnchain.tee.sim.SimPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Attestation verification per evidence type, on the genuine samples (an SEV-SNP Milan report, an
 * SGX v3 and a TDX v4 quote with full collateral), and the cost for governance of re-checking 100
 * nodes after a policy change: a full re-verification against evaluating the new policy over cached
 * integrity results ({@link ComplianceCheck}). Setup asserts every sample is accepted, so no
 * benchmark measures a rejection path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AttestationBench {
  static final Instant SNP_NOW = Instant.parse("2024-06-01T00:00:00Z");
  static final Instant DCAP_NOW = Instant.parse("2025-07-01T00:00:00Z");

  /** The samples, each with its collateral and a policy that accepts it. */
  @State(Scope.Benchmark)
  public static class Samples {
    /** Remembers verified signatures: repeated evidence and shared collateral cost little. */
    final AttestationVerifier verifier = AttestationVerifier.pinned();

    /** Verifies every signature every time: the cost of evidence seen for the first time. */
    final AttestationVerifier cold = AttestationVerifier.pinnedWithoutMemo();

    final AttestationPolicy policy = AttestationPolicy.defaults();
    final AttestationPolicy snpPolicy = AttestationPolicy.defaults().withAllowDebug(true);
    final AttestationPolicy simPolicy = AttestationPolicy.defaults().withAllowSimulated(true);
    byte[] snp;
    Collateral snpCollateral;
    byte[] sgx;
    Collateral sgxCollateral;
    byte[] tdx;
    Collateral tdxCollateral;
    byte[] sim;
    EvidenceReport sgxReport;

    @Setup
    public void setup() throws Exception {
      snp = resource("go-sev-guest/attestation.bin");
      snpCollateral =
          collateral("go-sev-guest/vcek.testcer")
              .plus(collateral("go-sev-guest/ask_ark_milan.pem"));
      sgx = resource("dcap-qvl/sgx_quote");
      sgxCollateral = collateral("dcap-qvl/sgx_quote_collateral.json");
      tdx = resource("dcap-qvl/tdx_quote");
      tdxCollateral = collateral("dcap-qvl/tdx_quote_collateral.json");
      sim =
          new SimEvidenceProvider(SimPlatform.of(new byte[32], new byte[32]), new byte[32])
              .produce(new byte[32])
              .data();
      sgxReport = verifier.inspect(sgx, sgxCollateral, DCAP_NOW);
      require(verifier.verify(snp, snpCollateral, snpPolicy, SNP_NOW));
      require(verifier.verify(sgx, sgxCollateral, policy, DCAP_NOW));
      require(verifier.verify(tdx, tdxCollateral, policy, DCAP_NOW));
      require(verifier.verify(sim, Collateral.empty(), simPolicy, DCAP_NOW));
    }
  }

  /**
   * 100 nodes (34 SEV-SNP, 33 SGX, 33 TDX; SEV-SNP nodes checked at the DCAP date too, inside their
   * certificates' validity), an old policy they all pass and a new one that drops the SGX
   * measurement.
   */
  @State(Scope.Benchmark)
  public static class Fleet {
    final List<NodeEvidence> nodes = new ArrayList<>();
    AttestationPolicy before;
    AttestationPolicy after;
    ComplianceCheck warm;

    @Setup
    public void setup(Samples s) {
      for (int i = 0; i < 100; i++) {
        switch (i % 3) {
          case 0 -> nodes.add(new NodeEvidence("n" + i, s.snp, s.snpCollateral, null));
          case 1 -> nodes.add(new NodeEvidence("n" + i, s.sgx, s.sgxCollateral, null));
          default -> nodes.add(new NodeEvidence("n" + i, s.tdx, s.tdxCollateral, null));
        }
      }
      before = AttestationPolicy.defaults().withAllowDebug(true);
      after = before.allowing(TeeType.SGX, Map.of("mrenclave", "00".repeat(32)));
      warm = new ComplianceCheck(s.verifier);
      if (warm.nonCompliant(nodes, before, DCAP_NOW).size() != 0
          || warm.nonCompliant(nodes, after, DCAP_NOW).size() != 33) {
        throw new IllegalStateException("the fleet fixture does not behave as described");
      }
    }
  }

  static void require(Verdict v) {
    if (!v.accepted()) {
      throw new IllegalStateException("a benchmark sample is rejected: " + v.reasons());
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = AttestationBench.class.getResourceAsStream("/attestation/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Collateral collateral(String name) {
    return CollateralFiles.read(resource(name)).collateral();
  }

  @Benchmark
  public Verdict verifySevSnp(Samples s) {
    return s.cold.verify(s.snp, s.snpCollateral, s.snpPolicy, SNP_NOW);
  }

  @Benchmark
  public Verdict verifySgx(Samples s) {
    return s.cold.verify(s.sgx, s.sgxCollateral, s.policy, DCAP_NOW);
  }

  /** The same quote again, with its signatures remembered from the previous verification. */
  @Benchmark
  public Verdict verifySgxRepeated(Samples s) {
    return s.verifier.verify(s.sgx, s.sgxCollateral, s.policy, DCAP_NOW);
  }

  @Benchmark
  public Verdict verifyTdx(Samples s) {
    return s.cold.verify(s.tdx, s.tdxCollateral, s.policy, DCAP_NOW);
  }

  @Benchmark
  public Verdict verifySim(Samples s) {
    return s.cold.verify(s.sim, Collateral.empty(), s.simPolicy, DCAP_NOW);
  }

  /**
   * One P-256 signature as verification makes about nine per quote: the QE report signed by the PCK
   * key, through the project's check (BouncyCastle) and the JDK 17 provider as the baseline.
   */
  @State(Scope.Benchmark)
  public static class QeSignature {
    java.security.PublicKey pck;
    byte[] qeReport;
    byte[] signature;

    @Setup
    public void setup(Samples s) throws Exception {
      io.txnchain.tee.dcap.Quote q = io.txnchain.tee.dcap.Quote.parse(s.sgx);
      pck =
          io.txnchain.tee.collateral.Certificates.pemChain(q.certificationData())
              .get(0)
              .getPublicKey();
      qeReport = q.qeReport();
      signature = q.qeReportSignature();
      if (!new io.txnchain.tee.collateral.SignatureChecks(0)
              .ecdsaP1363("SHA256", pck, qeReport, signature)
          || !jdk(this)) {
        throw new IllegalStateException("the QE report signature does not verify");
      }
    }
  }

  static boolean jdk(QeSignature q) throws java.security.GeneralSecurityException {
    java.security.Signature sig =
        java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
    sig.initVerify(q.pck);
    sig.update(q.qeReport);
    return sig.verify(q.signature);
  }

  private static final io.txnchain.tee.collateral.SignatureChecks NO_MEMO =
      new io.txnchain.tee.collateral.SignatureChecks(0);

  @Benchmark
  public boolean ecdsaP256Bc(QeSignature q) {
    return NO_MEMO.ecdsaP1363("SHA256", q.pck, q.qeReport, q.signature);
  }

  @Benchmark
  public boolean ecdsaP256JdkBaseline(QeSignature q) throws Exception {
    return jdk(q);
  }

  /** Reading the dcap-qvl collateral file (JSON, PEM chains, hex CRLs), which a node caches. */
  @Benchmark
  public Collateral parseSgxCollateral() {
    return collateral("dcap-qvl/sgx_quote_collateral.json");
  }

  /** Policy evaluation alone over an inspected SGX quote. */
  @Benchmark
  public Verdict policyOnly(Samples s) {
    return s.policy.evaluate(s.sgxReport, null);
  }

  /**
   * A policy change with nothing cached (a fresh verifier, as after a restart): every node's
   * evidence verified again; collateral shared by nodes is verified once within the run.
   */
  @Benchmark
  public List<NodeCompliance> recheck100NodesFull(Fleet f) {
    return new ComplianceCheck(AttestationVerifier.pinned()).recheck(f.nodes, f.after, DCAP_NOW);
  }

  /** The same, verifying every signature of every node (the baseline without any memo). */
  @Benchmark
  public List<NodeCompliance> recheck100NodesFullNoMemo(Samples s, Fleet f) {
    return new ComplianceCheck(s.cold).recheck(f.nodes, f.after, DCAP_NOW);
  }

  /** A policy change with integrity results cached from the last check. */
  @Benchmark
  public List<NodeCompliance> recheck100NodesCached(Fleet f) {
    return f.warm.recheck(f.nodes, f.after, DCAP_NOW);
  }
}
