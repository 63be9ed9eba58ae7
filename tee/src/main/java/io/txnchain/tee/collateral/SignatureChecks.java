package io.txnchain.tee.collateral;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signature checks for certificates, CRLs and raw ECDSA signatures. ECDSA runs on BouncyCastle,
 * which verifies P-256 several times faster than the JDK 17 provider (the JDK's field arithmetic
 * dominated DCAP verification); RSA, used by AMD's chain, stays on the JDK. The provider is used
 * directly, never registered, so the process's provider list is unchanged.
 */
public final class SignatureChecks {
  private static final Provider BC = new BouncyCastleProvider();

  private SignatureChecks() {}

  private static boolean isEc(PublicKey key) {
    return key instanceof ECPublicKey;
  }

  /** Verifies {@code cert}'s signature with {@code issuerKey}; throws when it does not verify. */
  public static void certificate(X509Certificate cert, PublicKey issuerKey)
      throws GeneralSecurityException {
    if (isEc(issuerKey)) {
      cert.verify(issuerKey, BC);
    } else {
      cert.verify(issuerKey);
    }
  }

  /** Verifies {@code crl}'s signature with {@code issuerKey}; throws when it does not verify. */
  public static void crl(X509CRL crl, PublicKey issuerKey) throws GeneralSecurityException {
    if (isEc(issuerKey)) {
      crl.verify(issuerKey, BC);
    } else {
      crl.verify(issuerKey);
    }
  }

  /**
   * Whether {@code p1363} (big-endian {@code r || s}) is a valid ECDSA signature over {@code data}
   * with {@code hash} ({@code SHA256} or {@code SHA384}) by {@code key}. Malformed input is simply
   * not valid.
   */
  public static boolean ecdsaP1363(String hash, PublicKey key, byte[] data, byte[] p1363) {
    try {
      Signature sig = Signature.getInstance(hash + "withPLAIN-ECDSA", BC);
      sig.initVerify(key);
      sig.update(data);
      return sig.verify(p1363);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
