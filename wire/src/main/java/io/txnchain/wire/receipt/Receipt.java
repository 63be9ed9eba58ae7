package io.txnchain.wire.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A receipt: everything needed to check offline that a transaction and its result are on the
 * ledger, signed by an attested enclave. Binary fields are lower-case hex. See docs/receipts.md.
 *
 * @param version receipt format version, {@value #VERSION}
 * @param id the transaction or work-order id the receipt is for
 * @param entry the {@code TxRecord} encoding: the Merkle leaf
 * @param proof inclusion of {@code entry} in the block's transaction tree
 * @param header the signed block header
 * @param signatures enclave signatures over the header
 * @param evidence for each signing enclave, the evidence that binds its keys to its measurement
 * @param decoded a readable view of {@code entry}; the verifier checks it matches the entry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "version",
  "id",
  "decoded",
  "entry",
  "proof",
  "header",
  "signatures",
  "evidence"
})
public record Receipt(
    int version,
    String id,
    String entry,
    Proof proof,
    Header header,
    List<Signature> signatures,
    List<EvidenceEntry> evidence,
    JsonNode decoded) {
  public static final int VERSION = 1;

  /** RFC 9162 inclusion proof, hashes as hex. */
  public record Proof(long leafIndex, long treeSize, List<String> path) {}

  /** The block header fields; hashes as hex. */
  @JsonPropertyOrder({
    "version",
    "chainId",
    "height",
    "prevHash",
    "txRoot",
    "stateRoot",
    "txCount",
    "timeMillis"
  })
  public record Header(
      int version,
      String chainId,
      long height,
      String prevHash,
      String txRoot,
      String stateRoot,
      long txCount,
      long timeMillis) {}

  /** An enclave's signature over the header's signing message. */
  public record Signature(String enclaveKey, String signature) {}

  /**
   * Evidence for one enclave: its two public keys, the nonce bound into the report data, the
   * evidence itself, and what a verifier needs besides the vendor roots to check hardware evidence
   * offline.
   *
   * @param attestedAt when the node gathered this collateral for this evidence (epoch millis); a
   *     verifier judges the evidence at that time, so a receipt still verifies after the
   *     collateral's validity ended. Null for simulated evidence and in entries written before it
   *     existed: judged at the verifier's own time
   * @param collateral hex items as {@code io.txnchain.tee.collateral.CollateralBundle} writes them
   *     (certificates, CRLs, Intel TCB Info and QE Identity); empty for simulated evidence
   */
  public record EvidenceEntry(
      String identityKey,
      String encryptionKey,
      String nonce,
      String format,
      String data,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long attestedAt,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> collateral) {
    public EvidenceEntry {
      collateral = collateral == null ? List.of() : List.copyOf(collateral);
    }

    /** An entry without collateral or attestation time (simulated evidence). */
    public EvidenceEntry(
        String identityKey, String encryptionKey, String nonce, String format, String data) {
      this(identityKey, encryptionKey, nonce, format, data, null, List.of());
    }
  }
}
