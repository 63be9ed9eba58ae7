package io.txnchain.tee.dcap;

import java.io.IOException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The Intel SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1): the platform's TCB (16
 * component SVNs and the PCE SVN), its FMSPC and PCE id.
 */
public record PckExtensions(int[] compSvn, int pceSvn, byte[] cpuSvn, byte[] fmspc, byte[] pceId) {
  private static final String SGX_EXTENSIONS = "1.2.840.113741.1.13.1";
  private static final String TCB = SGX_EXTENSIONS + ".2";
  private static final String PCE_ID = SGX_EXTENSIONS + ".3";
  private static final String FMSPC = SGX_EXTENSIONS + ".4";

  public static PckExtensions of(X509Certificate pck) throws IOException {
    byte[] ext = pck.getExtensionValue(SGX_EXTENSIONS);
    if (ext == null) {
      throw new IOException("the PCK certificate has no SGX extension");
    }
    ASN1Sequence root =
        ASN1Sequence.getInstance(
            ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
    int[] comps = new int[16];
    int pceSvn = -1;
    byte[] cpuSvn = null;
    byte[] fmspc = null;
    byte[] pceId = null;
    for (ASN1Encodable e : root) {
      ASN1Sequence entry = ASN1Sequence.getInstance(e);
      String oid = ASN1ObjectIdentifier.getInstance(entry.getObjectAt(0)).getId();
      ASN1Encodable value = entry.getObjectAt(1);
      switch (oid) {
        case TCB -> {
          for (ASN1Encodable t : ASN1Sequence.getInstance(value)) {
            ASN1Sequence tcb = ASN1Sequence.getInstance(t);
            String sub = ASN1ObjectIdentifier.getInstance(tcb.getObjectAt(0)).getId();
            int index = Integer.parseInt(sub.substring(TCB.length() + 1));
            if (index >= 1 && index <= 16) {
              comps[index - 1] = ASN1Integer.getInstance(tcb.getObjectAt(1)).intValueExact();
            } else if (index == 17) {
              pceSvn = ASN1Integer.getInstance(tcb.getObjectAt(1)).intValueExact();
            } else if (index == 18) {
              cpuSvn = ASN1OctetString.getInstance(tcb.getObjectAt(1)).getOctets();
            }
          }
        }
        case PCE_ID -> pceId = ASN1OctetString.getInstance(value).getOctets();
        case FMSPC -> fmspc = ASN1OctetString.getInstance(value).getOctets();
        default -> {
          // PPID, SGX type and platform-instance values do not enter verification.
        }
      }
    }
    if (pceSvn < 0 || cpuSvn == null || fmspc == null || pceId == null) {
      throw new IOException("the PCK certificate's SGX extension lacks TCB, FMSPC or PCE-ID");
    }
    return new PckExtensions(comps, pceSvn, cpuSvn, fmspc, pceId);
  }
}
