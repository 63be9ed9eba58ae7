package io.txnchain.tee.snp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoded SEV-SNP TCB_VERSION: the security versions of the firmware parts. Milan and Genoa put
 * the boot loader in byte 0, the TEE in byte 1, SNP in byte 6 and microcode in byte 7; Turin adds
 * the FMC in byte 0 and shifts boot loader, TEE and SNP by one.
 */
public record SnpTcb(int fmc, int bootloader, int tee, int snp, int microcode) {

  /** Decodes the 64-bit little-endian TCB_VERSION {@code raw} laid out for {@code product}. */
  public static SnpTcb decode(long raw, AmdProduct product) {
    int[] b = new int[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (int) (raw >>> (8 * i)) & 0xff;
    }
    if (product == AmdProduct.TURIN) {
      return new SnpTcb(b[0], b[1], b[2], b[3], b[7]);
    }
    return new SnpTcb(0, b[0], b[1], b[6], b[7]);
  }

  /** The components by name, as a policy's minimum TCB names them. */
  public Map<String, Long> components(AmdProduct product) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (product == AmdProduct.TURIN) {
      out.put("fmc", (long) fmc);
    }
    out.put("bootloader", (long) bootloader);
    out.put("tee", (long) tee);
    out.put("snp", (long) snp);
    out.put("microcode", (long) microcode);
    return out;
  }
}
