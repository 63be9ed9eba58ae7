package io.txnchain.tee.evidence;

/**
 * Intel's TCB status of a platform, as the TCB Info and QE Identity collateral state it. SEV-SNP
 * has no such status: its firmware versions are compared with a minimum instead.
 */
public enum TcbStatus {
  UP_TO_DATE("UpToDate"),
  SW_HARDENING_NEEDED("SWHardeningNeeded"),
  CONFIGURATION_NEEDED("ConfigurationNeeded"),
  CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
  OUT_OF_DATE("OutOfDate"),
  OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
  REVOKED("Revoked");

  private final String id;

  TcbStatus(String id) {
    this.id = id;
  }

  /** Intel's spelling, used in collateral, policies and JSON output. */
  public String id() {
    return id;
  }

  /** The status Intel spells {@code id}. */
  public static TcbStatus fromId(String id) {
    for (TcbStatus s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown TCB status '" + id + "'");
  }

  @Override
  public String toString() {
    return id;
  }
}
