package io.txnchain.tee.dcap;

import io.txnchain.tee.collateral.Certificates;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The pinned Intel SGX Root CA, which every PCK chain and collateral issuer chain must end in. The
 * resource is checked against its SHA-256 fingerprint at load.
 */
public final class IntelRoot {
  static final String FINGERPRINT =
      "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3";
  private static final String RESOURCE = "/io/txnchain/tee/roots/intel-sgx-root-ca.pem";
  private static final X509Certificate PINNED = load();

  private IntelRoot() {}

  /** The Intel SGX Root CA certificate. */
  public static X509Certificate pinned() {
    return PINNED;
  }

  private static X509Certificate load() {
    try (InputStream in = IntelRoot.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing pinned root " + RESOURCE);
      }
      X509Certificate root = Certificates.pemChain(in.readAllBytes()).get(0);
      String fp =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
      if (!fp.equals(FINGERPRINT)) {
        throw new IllegalStateException("pinned root " + RESOURCE + " has fingerprint " + fp);
      }
      return root;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load pinned root " + RESOURCE, e);
    }
  }
}
