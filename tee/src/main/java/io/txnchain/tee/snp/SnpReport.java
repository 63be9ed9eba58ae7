package io.txnchain.tee.snp;

import io.txnchain.tee.evidence.EvidenceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP firmware ABI, versions 2 and later): 1184 bytes, of
 * which the first 0x2A0 are signed by the VCEK or VLEK with ECDSA P-384 / SHA-384.
 */
public final class SnpReport {
  /** The report's size. */
  public static final int LENGTH = 0x4A0;

  /** The signed region: everything before the signature. */
  public static final int SIGNED_LENGTH = 0x2A0;

  /** Policy bit: simultaneous multithreading allowed. */
  public static final long POLICY_SMT = 1L << 16;

  /** Policy bit: a migration agent may be associated with the guest. */
  public static final long POLICY_MIGRATE_MA = 1L << 18;

  /** Policy bit: the hypervisor may debug the guest (read its memory). */
  public static final long POLICY_DEBUG = 1L << 19;

  /** Which key signed the report, from bits 2-4 of the key-information word. */
  public enum SigningKey {
    VCEK,
    VLEK,
    NONE
  }

  private final byte[] raw;
  private final ByteBuffer le;

  private SnpReport(byte[] raw) {
    this.raw = raw;
    this.le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Parses a report; refuses anything that is not exactly one report of a known version. */
  public static SnpReport parse(byte[] data) throws EvidenceException {
    if (data.length != LENGTH) {
      throw new EvidenceException("an SEV-SNP report is " + LENGTH + " bytes, got " + data.length);
    }
    SnpReport r = new SnpReport(data.clone());
    if (r.version() < 2 || r.version() > 5) {
      throw new EvidenceException("unsupported SEV-SNP report version " + r.version());
    }
    return r;
  }

  /** Whether {@code data} looks like an SEV-SNP report (size, version and signature algorithm). */
  public static boolean looksLike(byte[] data) {
    if (data.length != LENGTH) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int version = b.getInt(0);
    return version >= 2 && version <= 5 && b.getInt(0x34) == 1;
  }

  private byte[] bytes(int offset, int length) {
    return Arrays.copyOfRange(raw, offset, offset + length);
  }

  public int version() {
    return le.getInt(0x00);
  }

  public long guestSvn() {
    return Integer.toUnsignedLong(le.getInt(0x04));
  }

  public long policy() {
    return le.getLong(0x08);
  }

  public byte[] familyId() {
    return bytes(0x10, 16);
  }

  public byte[] imageId() {
    return bytes(0x20, 16);
  }

  public int vmpl() {
    return le.getInt(0x30);
  }

  public int signatureAlgorithm() {
    return le.getInt(0x34);
  }

  public long currentTcb() {
    return le.getLong(0x38);
  }

  public long platformInfo() {
    return le.getLong(0x40);
  }

  public SigningKey signingKey() {
    int field = (le.getInt(0x48) >>> 2) & 0x7;
    return switch (field) {
      case 0 -> SigningKey.VCEK;
      case 1 -> SigningKey.VLEK;
      default -> SigningKey.NONE;
    };
  }

  public byte[] reportData() {
    return bytes(0x50, 64);
  }

  public byte[] measurement() {
    return bytes(0x90, 48);
  }

  public byte[] hostData() {
    return bytes(0xC0, 32);
  }

  public byte[] idKeyDigest() {
    return bytes(0xE0, 48);
  }

  public byte[] authorKeyDigest() {
    return bytes(0x110, 48);
  }

  public byte[] reportId() {
    return bytes(0x140, 32);
  }

  public byte[] reportIdMa() {
    return bytes(0x160, 32);
  }

  public long reportedTcb() {
    return le.getLong(0x180);
  }

  /** CPUID family (version 3 and later; zero before). */
  public int cpuidFamily() {
    return version() >= 3 ? raw[0x188] & 0xff : 0;
  }

  /** CPUID model (version 3 and later; zero before). */
  public int cpuidModel() {
    return version() >= 3 ? raw[0x189] & 0xff : 0;
  }

  /** CPUID stepping (version 3 and later; zero before). */
  public int cpuidStepping() {
    return version() >= 3 ? raw[0x18A] & 0xff : 0;
  }

  public byte[] chipId() {
    return bytes(0x1A0, 64);
  }

  public long committedTcb() {
    return le.getLong(0x1E0);
  }

  /** The running firmware version, {@code major.minor.build}. */
  public String currentFirmware() {
    return (raw[0x1EA] & 0xff) + "." + (raw[0x1E9] & 0xff) + "." + (raw[0x1E8] & 0xff);
  }

  public long launchTcb() {
    return le.getLong(0x1F0);
  }

  /** The bytes the signature covers. */
  public byte[] signedBytes() {
    return bytes(0, SIGNED_LENGTH);
  }

  /**
   * The signature as big-endian {@code r || s} (48 bytes each). The report stores each as a 72-byte
   * little-endian field, of which P-384 uses the first 48.
   */
  public byte[] signatureP1363() {
    byte[] out = new byte[96];
    for (int i = 0; i < 48; i++) {
      out[47 - i] = raw[SIGNED_LENGTH + i];
      out[95 - i] = raw[SIGNED_LENGTH + 72 + i];
    }
    return out;
  }

  /**
   * True when the signature field's unused bytes (the upper 24 bytes of r and s, and everything
   * after s) are zero, so that no byte of the report can change without failing verification.
   */
  public boolean signaturePaddingIsZero() {
    for (int i = SIGNED_LENGTH; i < LENGTH; i++) {
      int rel = i - SIGNED_LENGTH;
      boolean used = rel < 48 || (rel >= 72 && rel < 72 + 48);
      if (!used && raw[i] != 0) {
        return false;
      }
    }
    return true;
  }

  public boolean debugAllowed() {
    return (policy() & POLICY_DEBUG) != 0;
  }

  public boolean smtAllowed() {
    return (policy() & POLICY_SMT) != 0;
  }

  public boolean migrationAgentAllowed() {
    return (policy() & POLICY_MIGRATE_MA) != 0;
  }
}
