package io.txnchain.tee.evidence;

import java.util.Locale;

/** The kinds of trusted execution environment whose evidence this project verifies. */
public enum TeeType {
  SEV_SNP("sev-snp"),
  SGX("sgx"),
  TDX("tdx"),
  SIM("sim");

  private final String id;

  TeeType(String id) {
    this.id = id;
  }

  /** The name used in JSON, policies and the CLI. */
  public String id() {
    return id;
  }

  /** The type named {@code id} ({@code sev-snp}, {@code sgx}, {@code tdx}, {@code sim}). */
  public static TeeType fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    for (TeeType t : values()) {
      if (t.id.equals(wanted)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown TEE type '" + id + "' (expected sev-snp, sgx, tdx or sim)");
  }

  @Override
  public String toString() {
    return id;
  }
}
