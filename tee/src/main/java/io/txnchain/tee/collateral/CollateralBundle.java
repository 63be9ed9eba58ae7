package io.txnchain.tee.collateral;

import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Collateral as a list of items that travel with evidence (in receipts), each one a file that
 * {@link CollateralFiles#read} recognises: certificates and CRLs as DER, Intel TCB Info and QE
 * Identity in the Intel PCS response layout with the signed object's bytes exactly as Intel served
 * them. Anyone can check such evidence later with nothing but the items and the pinned vendor
 * roots; nothing in a bundle is trusted before the verifiers checked it.
 */
public final class CollateralBundle {
  /** More items than any one piece of evidence needs (an SGX quote needs about ten). */
  public static final int MAX_ITEMS = 32;

  /** Larger than any Intel TCB Info or CRL seen; bounds what a forged receipt can make us parse. */
  public static final int MAX_ITEM_BYTES = 256 * 1024;

  /**
   * All items together: an SGX or TDX quote's Intel collateral is about 30 KiB, an SEV-SNP VCEK
   * with its AMD chain about 5 KiB.
   */
  public static final int MAX_TOTAL_BYTES = 256 * 1024;

  private CollateralBundle() {}

  /** The items, in a fixed order: certificates, CRLs, TCB Infos, QE Identities. */
  public static List<byte[]> encode(Collateral collateral) {
    List<byte[]> items = new ArrayList<>();
    try {
      for (X509Certificate c : collateral.certificates()) {
        items.add(c.getEncoded());
      }
      for (X509CRL c : collateral.crls()) {
        items.add(c.getEncoded());
      }
    } catch (CertificateEncodingException | CRLException e) {
      throw new IllegalStateException("a parsed certificate or CRL does not encode", e);
    }
    for (SignedJson j : collateral.tcbInfos()) {
      items.add(pcsResponse("tcbInfo", j));
    }
    for (SignedJson j : collateral.qeIdentities()) {
      items.add(pcsResponse("enclaveIdentity", j));
    }
    return items;
  }

  /**
   * Reads items written by {@link #encode} (or any collateral files).
   *
   * @throws IllegalArgumentException naming the first item that is too large or not collateral
   */
  public static Collateral decode(List<byte[]> items) {
    checkLimits(items);
    Collateral.Builder b = Collateral.builder();
    for (int i = 0; i < items.size(); i++) {
      byte[] item = items.get(i);
      try {
        b.addAll(CollateralFiles.read(item).collateral());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("collateral item " + i + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  /**
   * Fails unless the items are within what a verifier reads ({@link #MAX_ITEMS}, {@link
   * #MAX_ITEM_BYTES}, {@link #MAX_TOTAL_BYTES}).
   *
   * @throws IllegalArgumentException naming the limit and the first item beyond it
   */
  public static void checkLimits(List<byte[]> items) {
    if (items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException(
          "collateral has " + items.size() + " items; at most " + MAX_ITEMS + " are read");
    }
    long total = 0;
    for (int i = 0; i < items.size(); i++) {
      int length = items.get(i).length;
      if (length > MAX_ITEM_BYTES) {
        throw new IllegalArgumentException(
            "collateral item " + i + " has " + length + " bytes; at most " + MAX_ITEM_BYTES);
      }
      total += length;
      if (total > MAX_TOTAL_BYTES) {
        throw new IllegalArgumentException(
            "collateral is larger than " + MAX_TOTAL_BYTES + " bytes in all");
      }
    }
  }

  /** {@code {"<member>":<signed bytes>,"signature":"<hex>"}}, as Intel PCS answers. */
  private static byte[] pcsResponse(String member, SignedJson j) {
    String text =
        "{\""
            + member
            + "\":"
            + new String(j.signedBytes(), StandardCharsets.UTF_8)
            + ",\"signature\":\""
            + HexFormat.of().formatHex(j.signature())
            + "\"}";
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
