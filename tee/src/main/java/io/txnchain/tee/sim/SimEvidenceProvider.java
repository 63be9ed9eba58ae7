package io.txnchain.tee.sim;

import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceProvider;

/** Signs {@code sim} evidence with the simulated platform's attestation key. */
public final class SimEvidenceProvider implements EvidenceProvider {
  private final SimPlatform platform;
  private final byte[] measurement;

  public SimEvidenceProvider(SimPlatform platform, byte[] measurement) {
    if (measurement.length != 32) {
      throw new IllegalArgumentException("a measurement is 32 bytes");
    }
    this.platform = platform;
    this.measurement = measurement.clone();
  }

  @Override
  public String format() {
    return SimEvidence.FORMAT;
  }

  @Override
  public Evidence produce(byte[] reportData) {
    if (reportData.length != 32) {
      throw new IllegalArgumentException("report data is 32 bytes");
    }
    byte[] platformKey = platform.attestationPublicKey();
    SimEvidence unsigned = new SimEvidence(measurement, reportData, platformKey, new byte[64]);
    byte[] signature = platform.attestationKey().sign(unsigned.signedBytes());
    return new Evidence(
        SimEvidence.FORMAT,
        new SimEvidence(measurement, reportData, platformKey, signature).encode());
  }
}
