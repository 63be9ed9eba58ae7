package io.txnchain.tee.collateral;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signature checks for certificates, CRLs and raw ECDSA signatures. ECDSA runs on BouncyCastle,
 * which verifies P-256 several times faster than the JDK 17 provider (the JDK's field arithmetic
 * dominated DCAP verification); RSA, used by AMD's chain, stays on the JDK. The provider is used
 * directly, never registered, so the process's provider list is unchanged.
 */
public final class SignatureChecks {
  private static final Provider BC = new BouncyCastleProvider();

  /**
   * Digests of (what, signature, key) that verified. Verification is a pure function of those
   * bytes, so remembering successes cannot change a result; it saves re-verifying the collateral
   * that every node of a platform shares (TCB Info, QE Identity, CRLs, intermediate certificates)
   * when governance re-checks them all. Only successes are kept, in a bounded LRU.
   */
  private final Map<String, Boolean> verified;

  private final int memoSize;

  /**
   * @param memoSize how many verified signatures to remember; 0 verifies every time
   */
  public SignatureChecks(int memoSize) {
    this.memoSize = memoSize;
    this.verified =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > SignatureChecks.this.memoSize;
              }
            });
  }

  private boolean remembered(String memo) {
    return memoSize > 0 && verified.containsKey(memo);
  }

  private void remember(String memo) {
    if (memoSize > 0) {
      verified.put(memo, Boolean.TRUE);
    }
  }

  private static String digest(String kind, byte[] signed, byte[] signature, PublicKey key) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(kind.getBytes(StandardCharsets.US_ASCII));
      for (byte[] part : new byte[][] {signed, signature, key.getEncoded()}) {
        d.update(ByteBuffer.allocate(4).putInt(part.length).array());
        d.update(part);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean isEc(PublicKey key) {
    return key instanceof ECPublicKey;
  }

  /** Verifies {@code cert}'s signature with {@code issuerKey}; throws when it does not verify. */
  public void certificate(X509Certificate cert, PublicKey issuerKey)
      throws GeneralSecurityException {
    // The whole encoding, so that no byte outside the signed part can reuse a success.
    String memo = digest("cert", cert.getEncoded(), new byte[0], issuerKey);
    if (remembered(memo)) {
      return;
    }
    if (isEc(issuerKey)) {
      cert.verify(issuerKey, BC);
    } else {
      cert.verify(issuerKey);
    }
    remember(memo);
  }

  /** Verifies {@code crl}'s signature with {@code issuerKey}; throws when it does not verify. */
  public void crl(X509CRL crl, PublicKey issuerKey) throws GeneralSecurityException {
    String memo = digest("crl", crl.getEncoded(), new byte[0], issuerKey);
    if (remembered(memo)) {
      return;
    }
    if (isEc(issuerKey)) {
      crl.verify(issuerKey, BC);
    } else {
      crl.verify(issuerKey);
    }
    remember(memo);
  }

  /**
   * Whether {@code p1363} (big-endian {@code r || s}) is a valid ECDSA signature over {@code data}
   * with {@code hash} ({@code SHA256} or {@code SHA384}) by {@code key}. Malformed input is simply
   * not valid.
   */
  public boolean ecdsaP1363(String hash, PublicKey key, byte[] data, byte[] p1363) {
    String memo = digest(hash, data, p1363, key);
    if (remembered(memo)) {
      return true;
    }
    try {
      Signature sig = Signature.getInstance(hash + "withPLAIN-ECDSA", BC);
      sig.initVerify(key);
      sig.update(data);
      boolean ok = sig.verify(p1363);
      if (ok) {
        remember(memo);
      }
      return ok;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
