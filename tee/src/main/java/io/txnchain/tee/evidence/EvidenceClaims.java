package io.txnchain.tee.evidence;

/**
 * What verified evidence establishes: the TEE format, whether it is simulated, the code
 * measurement, the report data it carries, and a human-readable TCB description.
 */
public record EvidenceClaims(
    String format, boolean simulated, byte[] measurement, byte[] reportData, String tcb) {
  public EvidenceClaims {
    measurement = measurement.clone();
    reportData = reportData.clone();
  }

  @Override
  public byte[] measurement() {
    return measurement.clone();
  }

  @Override
  public byte[] reportData() {
    return reportData.clone();
  }
}
