package io.txnchain.tee.snp;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * The AMD-specific extensions of a VCEK or VLEK certificate: product name, the TCB the key was
 * derived for, and (VCEK only) the chip's hardware id.
 */
record VcekExtensions(String productName, SnpTcb tcb, Optional<byte[]> hwId) {
  private static final String ARC = "1.3.6.1.4.1.3704.1.";

  static VcekExtensions of(X509Certificate cert) throws IOException {
    String product = string(cert, ARC + "2").orElse("");
    SnpTcb tcb =
        new SnpTcb(
            integer(cert, ARC + "3.9").orElse(0),
            integer(cert, ARC + "3.1").orElse(-1),
            integer(cert, ARC + "3.2").orElse(-1),
            integer(cert, ARC + "3.3").orElse(-1),
            integer(cert, ARC + "3.8").orElse(-1));
    return new VcekExtensions(product, tcb, hwId(cert));
  }

  /** The ASN.1 value inside an extension's OCTET STRING wrapper. */
  private static Optional<byte[]> value(X509Certificate cert, String oid) throws IOException {
    byte[] ext = cert.getExtensionValue(oid);
    if (ext == null) {
      return Optional.empty();
    }
    return Optional.of(ASN1OctetString.getInstance(ext).getOctets());
  }

  private static Optional<Integer> integer(X509Certificate cert, String oid) throws IOException {
    Optional<byte[]> v = value(cert, oid);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        ASN1Integer.getInstance(ASN1Primitive.fromByteArray(v.get())).intValueExact());
  }

  private static Optional<String> string(X509Certificate cert, String oid) throws IOException {
    Optional<byte[]> v = value(cert, oid);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ASN1IA5String.getInstance(ASN1Primitive.fromByteArray(v.get())).getString());
  }

  /**
   * The hwID is stored as raw bytes (64 on Milan and Genoa, 8 on Turin) without an inner OCTET
   * STRING; a wrapped form is accepted too.
   */
  private static Optional<byte[]> hwId(X509Certificate cert) throws IOException {
    Optional<byte[]> v = value(cert, ARC + "4");
    if (v.isEmpty()) {
      return v;
    }
    byte[] b = v.get();
    if (b.length == 66 && b[0] == 0x04 && b[1] == 64) {
      return Optional.of(Arrays.copyOfRange(b, 2, 66));
    }
    if (b.length == 10 && b[0] == 0x04 && b[1] == 8) {
      return Optional.of(Arrays.copyOfRange(b, 2, 10));
    }
    return Optional.of(b);
  }

  /** The product part of the product name ({@code Milan} of {@code Milan-B0}). */
  String productFamily() {
    int dash = productName.indexOf('-');
    return dash < 0 ? productName : productName.substring(0, dash);
  }
}
