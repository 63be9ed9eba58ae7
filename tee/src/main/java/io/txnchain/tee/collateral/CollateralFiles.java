package io.txnchain.tee.collateral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Reads a collateral file whatever its kind, recognised from the content alone: a certificate in
 * DER or PEM (AMD VCEK/VLEK, ASK/ARK chains, Intel issuer chains, also URL-encoded as in PCS
 * response headers), CRLs in DER, PEM or hex, Intel PCS TCB Info and QE Identity responses, a
 * dcap-qvl {@code QuoteCollateralV3} JSON file, or an SEV-SNP certificate table (the configfs-tsm
 * {@code auxblob}).
 */
public final class CollateralFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** GUIDs of the SEV-SNP extended-report certificate table (GHCB specification). */
  static final List<UUID> SNP_CERT_GUIDS =
      List.of(
          UUID.fromString("63da758d-e664-4564-adc5-f4b93be8accd"), // VCEK
          UUID.fromString("a8074bc2-a25a-483e-aae6-39c045a0b8a1"), // VLEK
          UUID.fromString("4ab7b379-bbac-4fe4-a02f-05aef327c782"), // ASK
          UUID.fromString("c0b406a4-a803-4952-9743-3fb6014cd0ae")); // ARK

  private CollateralFiles() {}

  /** A recognised file: a short description of its kind and its contents. */
  public record CollateralFile(String kind, Collateral collateral) {}

  /**
   * Recognises and parses one file.
   *
   * @throws IllegalArgumentException when the content is none of the supported kinds, with the
   *     reason
   */
  public static CollateralFile read(byte[] content) {
    try {
      return recognise(content);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          e instanceof IllegalArgumentException ? e.getMessage() : "malformed collateral: " + e, e);
    }
  }

  private static CollateralFile recognise(byte[] content)
      throws IOException, GeneralSecurityException {
    if (content.length == 0) {
      throw new IllegalArgumentException("empty collateral file");
    }
    if (isSnpCertTable(content)) {
      return new CollateralFile("SEV-SNP certificate table", snpCertTable(content));
    }
    if ((content[0] & 0xff) == 0x30) {
      return der(content);
    }
    String text = new String(content, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      return json(text);
    }
    if (text.contains("-----BEGIN%20")) {
      text = URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
    if (text.contains("-----BEGIN ")) {
      Collateral c = Certificates.pem(text);
      if (c.certificates().isEmpty() && c.crls().isEmpty()) {
        throw new IllegalArgumentException("PEM file without certificates or CRLs");
      }
      return new CollateralFile(describe(c), c);
    }
    if (text.matches("[0-9a-fA-F]+") && text.length() % 2 == 0) {
      return der(HexFormat.of().parseHex(text));
    }
    throw new IllegalArgumentException(
        "unrecognised collateral file (expected a certificate, CRL, Intel collateral JSON or an"
            + " SEV-SNP certificate table)");
  }

  private static CollateralFile der(byte[] der) throws GeneralSecurityException {
    try {
      Collateral c = Collateral.builder().certificate(Certificates.certificate(der)).build();
      return new CollateralFile(describe(c), c);
    } catch (GeneralSecurityException notACertificate) {
      Collateral c = Collateral.builder().crl(Certificates.crl(der)).build();
      return new CollateralFile(describe(c), c);
    }
  }

  private static String describe(Collateral c) {
    StringBuilder sb = new StringBuilder();
    c.certificates()
        .forEach(x -> sb.append(sb.isEmpty() ? "" : ", ").append(Certificates.subjectName(x)));
    c.crls()
        .forEach(
            x ->
                sb.append(sb.isEmpty() ? "" : ", ")
                    .append("CRL of ")
                    .append(Certificates.commonName(x.getIssuerX500Principal())));
    return (c.crls().isEmpty() ? "certificates: " : "certificates/CRLs: ") + sb;
  }

  private static CollateralFile json(String text) throws IOException, GeneralSecurityException {
    JsonNode root = MAPPER.readTree(text);
    if (root.has("tcb_info") && root.has("qe_identity")) {
      return new CollateralFile("Intel collateral (QuoteCollateralV3)", quoteCollateral(root));
    }
    for (String key : List.of("tcbInfo", "enclaveIdentity", "qeIdentity")) {
      if (root.has(key) && root.has("signature")) {
        SignedJson signed =
            SignedJson.of(
                rawMember(text, key), HexFormat.of().parseHex(root.get("signature").asText()));
        Collateral.Builder b = Collateral.builder();
        if (key.equals("tcbInfo")) {
          b.tcbInfo(signed);
        } else {
          b.qeIdentity(signed);
        }
        return new CollateralFile(
            "Intel " + (key.equals("tcbInfo") ? "TCB Info" : "QE Identity") + " " + signed.id(),
            b.build());
      }
    }
    throw new IllegalArgumentException(
        "JSON collateral must be Intel TCB Info, QE Identity or a QuoteCollateralV3 object");
  }

  private static Collateral quoteCollateral(JsonNode root)
      throws IOException, GeneralSecurityException {
    Collateral.Builder b = Collateral.builder();
    for (String chain :
        List.of("pck_crl_issuer_chain", "tcb_info_issuer_chain", "qe_identity_issuer_chain")) {
      b.addAll(Certificates.pem(root.path(chain).asText("")));
    }
    for (String crl : List.of("root_ca_crl", "pck_crl")) {
      String hex = root.path(crl).asText("");
      if (!hex.isEmpty()) {
        b.crl(Certificates.crl(HexFormat.of().parseHex(hex)));
      }
    }
    b.tcbInfo(
        SignedJson.of(
            root.path("tcb_info").asText(),
            HexFormat.of().parseHex(root.path("tcb_info_signature").asText())));
    b.qeIdentity(
        SignedJson.of(
            root.path("qe_identity").asText(),
            HexFormat.of().parseHex(root.path("qe_identity_signature").asText())));
    return b.build();
  }

  /**
   * The exact text of the value of top-level member {@code key}: Intel signs these bytes, so they
   * are cut out of the file rather than re-serialised.
   */
  static String rawMember(String text, String key) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
        continue;
      }
      if (ch == '{') {
        depth++;
      } else if (ch == '}') {
        depth--;
      } else if (ch == '"') {
        int end = text.indexOf('"', i + 1);
        if (depth == 1 && text.substring(i + 1, end).equals(key)) {
          int colon = text.indexOf(':', end);
          int start = colon + 1;
          while (Character.isWhitespace(text.charAt(start))) {
            start++;
          }
          return text.substring(start, objectEnd(text, start));
        }
        inString = true;
      }
    }
    throw new IllegalArgumentException("no member '" + key + "' in the collateral JSON");
  }

  private static int objectEnd(String text, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth == 0) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("unterminated JSON object in the collateral");
  }

  static boolean isSnpCertTable(byte[] content) {
    if (content.length < 24) {
      return false;
    }
    byte[] first = Arrays.copyOf(content, 16);
    for (UUID guid : SNP_CERT_GUIDS) {
      if (Arrays.equals(first, guidBytes(guid))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses the table {@code (guid[16], offset u32le, length u32le)*} ended by an all-zero entry,
   * with each certificate (DER) at its offset from the start of the table.
   */
  static Collateral snpCertTable(byte[] content) throws GeneralSecurityException {
    ByteBuffer buf = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    Collateral.Builder b = Collateral.builder();
    for (int pos = 0; pos + 24 <= content.length; pos += 24) {
      byte[] guid = Arrays.copyOfRange(content, pos, pos + 16);
      long offset = Integer.toUnsignedLong(buf.getInt(pos + 16));
      long length = Integer.toUnsignedLong(buf.getInt(pos + 20));
      if (Arrays.equals(guid, new byte[16]) && offset == 0 && length == 0) {
        return b.build();
      }
      if (offset + length > content.length) {
        throw new IllegalArgumentException(
            "SEV-SNP certificate table entry points outside the file");
      }
      if (isKnownGuid(guid) && length > 0) {
        b.certificate(
            Certificates.certificate(
                Arrays.copyOfRange(content, (int) offset, (int) (offset + length))));
      }
    }
    throw new IllegalArgumentException("SEV-SNP certificate table has no terminating entry");
  }

  private static boolean isKnownGuid(byte[] guid) {
    for (UUID g : SNP_CERT_GUIDS) {
      if (Arrays.equals(guid, guidBytes(g))) {
        return true;
      }
    }
    return false;
  }

  /** The GUID in RFC 4122 byte order, as the kernel copies the table from the firmware. */
  static byte[] guidBytes(UUID guid) {
    return ByteBuffer.allocate(16)
        .putLong(guid.getMostSignificantBits())
        .putLong(guid.getLeastSignificantBits())
        .array();
  }
}
