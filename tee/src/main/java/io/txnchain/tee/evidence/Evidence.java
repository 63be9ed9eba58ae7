package io.txnchain.tee.evidence;

import java.util.Arrays;

/**
 * Attestation evidence as produced by a TEE: a format name ({@code sim}, {@code sgx-dcap}, {@code
 * tdx}, {@code sev-snp}) and the format's own bytes.
 */
public record Evidence(String format, byte[] data) {
  public Evidence {
    if (format == null || format.isEmpty()) {
      throw new IllegalArgumentException("evidence format is required");
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evidence e && format.equals(e.format) && Arrays.equals(data, e.data);
  }

  @Override
  public int hashCode() {
    return 31 * format.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Evidence[" + format + ", " + data.length + " bytes]";
  }
}
