package io.txnchain.tee.snp;

import io.txnchain.tee.collateral.Certificates;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pinned AMD root keys (ARK), one per product. The certificates ship as resources and are
 * checked at load against the SHA-256 fingerprints below, so that a changed resource fails loudly
 * instead of silently trusting another key.
 */
public final class AmdRoots {
  private static final Map<AmdProduct, String> FINGERPRINTS =
      Map.of(
          AmdProduct.MILAN, "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd",
          AmdProduct.GENOA, "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1",
          AmdProduct.TURIN, "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a");

  private static final AmdRoots PINNED = load();

  private final Map<AmdProduct, X509Certificate> arks;

  AmdRoots(Map<AmdProduct, X509Certificate> arks) {
    this.arks = new EnumMap<>(arks);
  }

  /** AMD's ARK-Milan, ARK-Genoa and ARK-Turin. */
  public static AmdRoots pinned() {
    return PINNED;
  }

  /** The ARK of {@code product}. */
  public X509Certificate ark(AmdProduct product) {
    return arks.get(product);
  }

  /** The product whose ARK has exactly this subject, if any. */
  public Optional<AmdProduct> productWithRootNamed(javax.security.auth.x500.X500Principal subject) {
    return arks.entrySet().stream()
        .filter(e -> e.getValue().getSubjectX500Principal().equals(subject))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static AmdRoots load() {
    Map<AmdProduct, X509Certificate> out = new EnumMap<>(AmdProduct.class);
    for (AmdProduct p : AmdProduct.values()) {
      String resource =
          "/io/txnchain/tee/roots/ark-" + p.amdName().toLowerCase(java.util.Locale.ROOT) + ".pem";
      try (InputStream in = AmdRoots.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing pinned root " + resource);
        }
        List<X509Certificate> certs = Certificates.pemChain(in.readAllBytes());
        X509Certificate ark = certs.get(0);
        String fp =
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ark.getEncoded()));
        if (!fp.equals(FINGERPRINTS.get(p))) {
          throw new IllegalStateException("pinned root " + resource + " has fingerprint " + fp);
        }
        out.put(p, ark);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("cannot load pinned root " + resource, e);
      }
    }
    return new AmdRoots(out);
  }
}
