package io.txnchain.tee.snp;

/**
 * The EPYC generations with SEV-SNP. Each has its own AMD root key (ARK) and, from Turin on, its
 * own TCB_VERSION layout.
 */
public enum AmdProduct {
  MILAN("Milan"),
  GENOA("Genoa"),
  TURIN("Turin");

  private final String name;

  AmdProduct(String name) {
    this.name = name;
  }

  /** AMD's name, as in certificate names ({@code ARK-Milan}) and VCEK product names. */
  public String amdName() {
    return name;
  }

  /**
   * The product of a CPUID family and model, as reported from version 3 of the report on.
   *
   * @return null for a family/model this verifier does not know
   */
  public static AmdProduct fromCpuid(int family, int model) {
    if (family == 0x19) {
      // Zen 3 (Milan) models are 0x00-0x0F; Zen 4 server parts (Genoa, Bergamo, Siena) follow.
      return model < 0x10 ? MILAN : GENOA;
    }
    if (family == 0x1A) {
      return TURIN;
    }
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
