package io.txnchain.tee.policy;

import io.txnchain.tee.collateral.Collateral;

/**
 * A node's attestation as governance keeps it: the evidence, the collateral to verify it, and the
 * report data it must carry (the binding of the node's enclave key).
 */
public record NodeEvidence(
    String nodeId, byte[] evidence, Collateral collateral, byte[] expectedReportData) {
  public NodeEvidence {
    evidence = evidence.clone();
    expectedReportData = expectedReportData == null ? null : expectedReportData.clone();
  }

  @Override
  public byte[] evidence() {
    return evidence.clone();
  }

  @Override
  public byte[] expectedReportData() {
    return expectedReportData == null ? null : expectedReportData.clone();
  }
}
