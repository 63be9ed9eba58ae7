package io.txnchain.tee.policy;

import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceReport;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Re-checks every node's evidence against a policy, for governance to run whenever the policy
 * changes and periodically as time passes (certificates and collateral expire). Integrity results
 * are cached per evidence: an intact report inspected at {@code t0} stays intact for every {@code
 * now} in {@code [t0, validUntil)}, so a policy change costs a policy evaluation per node, not a
 * signature verification. The verdicts are the same as a full verification's. Thread-safe.
 */
public final class ComplianceCheck {
  private final AttestationVerifier verifier;
  private final Map<String, Cached> cache = new HashMap<>();

  private record Cached(String evidenceHash, Instant inspectedAt, EvidenceReport report) {}

  public ComplianceCheck(AttestationVerifier verifier) {
    this.verifier = verifier;
  }

  /** The verdict for each node, in the order given. */
  public List<NodeCompliance> recheck(
      List<NodeEvidence> nodes, AttestationPolicy policy, Instant now) {
    List<NodeCompliance> out = new ArrayList<>(nodes.size());
    for (NodeEvidence n : nodes) {
      out.add(new NodeCompliance(n.nodeId(), check(n, policy, now)));
    }
    return out;
  }

  /** The nodes that no longer pass, for example to stop routing work orders to them. */
  public List<NodeCompliance> nonCompliant(
      List<NodeEvidence> nodes, AttestationPolicy policy, Instant now) {
    return recheck(nodes, policy, now).stream().filter(c -> !c.compliant()).toList();
  }

  private Verdict check(NodeEvidence node, AttestationPolicy policy, Instant now) {
    String hash = hash(node);
    EvidenceReport report;
    synchronized (cache) {
      Cached c = cache.get(node.nodeId());
      if (c != null
          && c.evidenceHash.equals(hash)
          && !now.isBefore(c.inspectedAt)
          && now.isBefore(c.report.validUntil())) {
        return policy.evaluate(c.report, node.expectedReportData());
      }
    }
    try {
      report = verifier.inspect(node.evidence(), node.collateral(), now);
    } catch (EvidenceException e) {
      return Verdict.undecodable(e.getMessage());
    }
    if (report.intact()) {
      synchronized (cache) {
        cache.put(node.nodeId(), new Cached(hash, now, report));
      }
    }
    return policy.evaluate(report, node.expectedReportData());
  }

  /** Identifies the evidence and collateral a cached report was made from. */
  private static String hash(NodeEvidence node) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(node.evidence());
      d.update((byte) 0);
      node.collateral().certificates().forEach(c -> d.update(encoded(c)));
      node.collateral().crls().forEach(c -> d.update(encoded(c)));
      node.collateral().tcbInfos().forEach(j -> d.update(j.signedBytes()));
      node.collateral().qeIdentities().forEach(j -> d.update(j.signedBytes()));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] encoded(java.security.cert.X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate re-encodes", e);
    }
  }

  private static byte[] encoded(java.security.cert.X509CRL c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CRLException e) {
      throw new IllegalStateException("a parsed CRL re-encodes", e);
    }
  }
}
