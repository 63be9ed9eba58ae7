package io.txnchain.tee.tsm;

import java.util.Optional;

/**
 * One report from the configfs-tsm interface.
 *
 * @param provider the kernel driver that produced it ({@code sev_guest}, {@code tdx_guest})
 * @param outblob the evidence: an SEV-SNP report or a TDX quote
 * @param auxblob auxiliary data, on SEV-SNP the certificate table (VCEK or VLEK, ASK, ARK) when the
 *     host supplies one
 * @param generation the entry's generation when the report was read
 */
public record TsmReport(
    String provider, byte[] outblob, Optional<byte[]> auxblob, long generation) {
  public TsmReport {
    outblob = outblob.clone();
    auxblob = auxblob.map(byte[]::clone);
  }

  @Override
  public byte[] outblob() {
    return outblob.clone();
  }

  @Override
  public Optional<byte[]> auxblob() {
    return auxblob.map(byte[]::clone);
  }
}
