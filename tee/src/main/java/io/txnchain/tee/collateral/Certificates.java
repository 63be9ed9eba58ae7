package io.txnchain.tee.collateral;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;

/** X.509 certificates and CRLs from DER or PEM bytes, and the names the verifiers look for. */
public final class Certificates {
  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN (CERTIFICATE|X509 CRL)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Certificates() {}

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("every JDK has an X.509 certificate factory", e);
    }
  }

  /**
   * One DER-encoded certificate. Only canonical DER is accepted: the JDK tolerates some encoding
   * variations outside the signed part (such as unused bits in the signature's BIT STRING), which
   * would let a changed certificate pass as the same one.
   */
  public static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
    requireCanonical(der);
    try {
      org.bouncycastle.asn1.x509.Certificate parsed =
          org.bouncycastle.asn1.x509.Certificate.getInstance(der);
      if (parsed.getSignature().getPadBits() != 0
          || parsed.getSubjectPublicKeyInfo().getPublicKeyData().getPadBits() != 0) {
        throw new CertificateException("certificate bit strings have unused bits");
      }
    } catch (RuntimeException e) {
      throw new CertificateException("malformed certificate: " + e.getMessage(), e);
    }
    return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
  }

  /** One DER-encoded CRL, canonical DER only (see {@link #certificate}). */
  public static X509CRL crl(byte[] der) throws GeneralSecurityException {
    requireCanonical(der);
    try {
      if (org.bouncycastle.asn1.x509.CertificateList.getInstance(der).getSignature().getPadBits()
          != 0) {
        throw new CertificateException("CRL signature has unused bits");
      }
    } catch (RuntimeException e) {
      throw new CertificateException("malformed CRL: " + e.getMessage(), e);
    }
    return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
  }

  private static void requireCanonical(byte[] der) throws CertificateException {
    try {
      byte[] again = ASN1Primitive.fromByteArray(der).getEncoded(ASN1Encoding.DER);
      if (!Arrays.equals(again, der)) {
        throw new CertificateException("not canonical DER");
      }
    } catch (IOException | RuntimeException e) {
      throw new CertificateException("malformed DER: " + e.getMessage(), e);
    }
  }

  /** The PEM blocks of {@code text}, certificates and CRLs, in order. */
  public static Collateral pem(String text) throws GeneralSecurityException {
    Collateral.Builder out = Collateral.builder();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("CERTIFICATE")) {
        out.certificate(certificate(der));
      } else {
        out.crl(crl(der));
      }
    }
    return out.build();
  }

  /**
   * The certificates of a PEM chain. Quote generators often end the chain with a NUL byte, which is
   * ignored here like any text outside the PEM blocks.
   */
  public static List<X509Certificate> pemChain(byte[] bytes) throws GeneralSecurityException {
    return new ArrayList<>(pem(new String(bytes, StandardCharsets.US_ASCII)).certificates());
  }

  /** The common name of a distinguished name, or the empty string. */
  public static String commonName(javax.security.auth.x500.X500Principal principal) {
    try {
      for (Rdn rdn : new LdapName(principal.getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return "";
    }
    return "";
  }

  /** The subject's common name. */
  public static String subjectName(X509Certificate cert) {
    return commonName(cert.getSubjectX500Principal());
  }
}
