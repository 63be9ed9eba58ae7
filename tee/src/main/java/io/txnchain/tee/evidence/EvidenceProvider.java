package io.txnchain.tee.evidence;

/** Produces evidence from the TEE the process runs in. */
public interface EvidenceProvider {

  /** The format of the evidence this provider produces. */
  String format();

  /** Evidence whose report data is exactly {@code reportData} (32 bytes). */
  Evidence produce(byte[] reportData);
}
