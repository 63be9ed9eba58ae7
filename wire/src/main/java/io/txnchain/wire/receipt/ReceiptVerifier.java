package io.txnchain.wire.receipt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Ed25519;
import io.txnchain.crypto.merkle.InclusionProof;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceClaims;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.HardwareEvidenceVerifier;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.codec.WireFormatException;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * Checks a receipt offline, trusting nothing but its contents, the evidence verifiers' pinned roots
 * and the caller's policy:
 *
 * <ol>
 *   <li>the entry decodes, its transaction id is the receipt's id, and the readable view matches;
 *   <li>the inclusion proof leads from the entry to the header's transaction root;
 *   <li>every signature over the header verifies, and there is at least one;
 *   <li>every signing key has evidence that verifies under the policy and binds that key;
 *   <li>at least the required number of distinct enclaves signed.
 * </ol>
 *
 * The first failure is reported; nothing is accepted on a partial check.
 */
public final class ReceiptVerifier {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final EvidenceVerifiers verifiers;
  private final EvidencePolicy policy;
  private final int minSignatures;
  private final AttestationVerifier hardware;
  private final AttestationPolicy hardwarePolicy;

  /** Requires at least one signature. */
  public ReceiptVerifier(EvidenceVerifiers verifiers, EvidencePolicy policy) {
    this(verifiers, policy, 1);
  }

  /**
   * @param minSignatures how many distinct enclaves must have signed the header, each with evidence
   *     that verifies; at least 1
   */
  public ReceiptVerifier(EvidenceVerifiers verifiers, EvidencePolicy policy, int minSignatures) {
    this(verifiers, policy, minSignatures, null, null);
  }

  private ReceiptVerifier(
      EvidenceVerifiers verifiers,
      EvidencePolicy policy,
      int minSignatures,
      AttestationVerifier hardware,
      AttestationPolicy hardwarePolicy) {
    if (minSignatures < 1) {
      throw new IllegalArgumentException("at least one signature is required");
    }
    this.verifiers = verifiers;
    this.policy = policy;
    this.minSignatures = minSignatures;
    this.hardware = hardware;
    this.hardwarePolicy = hardwarePolicy;
  }

  /**
   * This verifier, also checking SEV-SNP, SGX and TDX evidence: each entry's evidence against the
   * pinned vendor roots with the collateral the entry carries (nothing is fetched), under {@code
   * hardwarePolicy} (TCB status, debug, identities), and the common checks of this verifier's
   * evidence policy (report data binding, allowed measurements).
   */
  public ReceiptVerifier withHardware(
      AttestationVerifier verifier, AttestationPolicy hardwarePolicy) {
    return new ReceiptVerifier(verifiers, policy, minSignatures, verifier, hardwarePolicy);
  }

  /** The outcome of a check: valid with the signers' claims, or invalid with the reason. */
  public record Result(boolean valid, String reason, long height, List<EvidenceClaims> signers) {
    static Result invalid(String reason) {
      return new Result(false, reason, -1, List.of());
    }
  }

  /**
   * Parses and checks receipt JSON. Evidence is judged at the time its entry says it was attested,
   * or at {@code now} when the entry does not say.
   */
  public Result verify(String json, Instant now) {
    if (json == null) {
      return Result.invalid("receipt is missing");
    }
    Receipt receipt;
    try {
      receipt = MAPPER.readValue(json, Receipt.class);
    } catch (IOException | RuntimeException e) {
      return Result.invalid("receipt is not well-formed JSON: " + firstLine(e.getMessage()));
    }
    return verify(receipt, now);
  }

  /** Checks a parsed receipt. */
  public Result verify(Receipt r, Instant now) {
    try {
      return check(r, now);
    } catch (InvalidReceipt e) {
      return Result.invalid(e.getMessage());
    } catch (RuntimeException e) {
      return Result.invalid("receipt is malformed: " + e);
    }
  }

  private Result check(Receipt r, Instant now) throws InvalidReceipt {
    require(r != null, "receipt is missing");
    require(r.version() == Receipt.VERSION, "unsupported receipt version " + r.version());
    require(r.entry() != null && r.proof() != null && r.header() != null, "receipt is incomplete");
    byte[] entry = hex(r.entry(), "entry");
    TxRecord record;
    try {
      record = TxRecord.decode(entry);
    } catch (WireFormatException e) {
      throw new InvalidReceipt("entry does not decode: " + e.getMessage());
    }
    require(
        record.tx().id().equals(r.id()),
        "receipt id " + r.id() + " is not the entry's transaction id " + record.tx().id());
    if (r.decoded() != null) {
      JsonNode expected = normalise(ReceiptView.describe(record));
      require(
          expected.equals(normalise(r.decoded())), "decoded view does not match the entry bytes");
    }

    Receipt.Header h = r.header();
    require(h.chainId() != null, "header chainId is missing");
    require(
        record.tx().chainId().equals(h.chainId()),
        "entry belongs to another chain than the header");
    BlockHeader header =
        new BlockHeader(
            h.version(),
            h.chainId(),
            h.height(),
            hex32(h.prevHash(), "header.prevHash"),
            hex32(h.txRoot(), "header.txRoot"),
            hex32(h.stateRoot(), "header.stateRoot"),
            h.txCount(),
            h.timeMillis());
    require(header.version() == BlockHeader.VERSION, "unsupported header version");

    Receipt.Proof p = r.proof();
    require(p.path() != null, "proof path is missing");
    require(p.treeSize() == header.txCount(), "proof tree size differs from the header's txCount");
    List<byte[]> path = new ArrayList<>(p.path().size());
    for (String node : p.path()) {
      path.add(hex32(node, "proof.path"));
    }
    byte[] root;
    try {
      root =
          new InclusionProof(p.leafIndex(), p.treeSize(), path)
              .rootFromLeafHash(MerkleTree.leafHash(entry));
    } catch (CryptoException e) {
      throw new InvalidReceipt("inclusion proof is malformed: " + e.getMessage());
    }
    require(
        MessageDigest.isEqual(root, header.txRoot()),
        "inclusion proof does not lead to the header's txRoot (entry or proof altered)");

    require(r.signatures() != null && !r.signatures().isEmpty(), "header carries no signature");
    byte[] message = header.signingMessage();
    List<EvidenceClaims> signers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Receipt.Signature s : r.signatures()) {
      require(s != null, "a header signature is null");
      byte[] key = hex32(s.enclaveKey(), "signature.enclaveKey");
      // A repeated signer would be counted twice by a caller that requires several enclaves.
      require(
          seen.add(Hex.toHexString(key)),
          "enclave " + Hex.toHexString(key) + " signed the header more than once");
      require(
          Ed25519.verify(key, message, hex(s.signature(), "signature.signature")),
          "header signature by enclave " + s.enclaveKey() + " does not verify");
      signers.add(checkEvidence(r, key, now));
    }
    // Every signature verified and signers are distinct, so this counts distinct enclaves.
    require(
        signers.size() >= minSignatures,
        "header is signed by "
            + signers.size()
            + " distinct enclave(s) with verified evidence; at least "
            + minSignatures
            + " are required");
    return new Result(true, "valid", header.height(), List.copyOf(signers));
  }

  private EvidenceClaims checkEvidence(Receipt r, byte[] identityKey, Instant now)
      throws InvalidReceipt {
    require(r.evidence() != null, "receipt carries no evidence");
    for (Receipt.EvidenceEntry e : r.evidence()) {
      require(e != null, "an evidence entry is null");
      if (!MessageDigest.isEqual(hex32(e.identityKey(), "evidence.identityKey"), identityKey)) {
        continue;
      }
      EnclaveKeys keys =
          new EnclaveKeys(identityKey, hex32(e.encryptionKey(), "evidence.encryptionKey"));
      require(e.format() != null, "evidence format is missing");
      Evidence evidence = new Evidence(e.format(), hex(e.data(), "evidence.data"));
      Instant at = e.attestedAt() == null ? now : Instant.ofEpochMilli(e.attestedAt());
      try {
        return verifiersFor(e)
            .verify(evidence, policy, keys.reportData(hex(e.nonce(), "evidence.nonce")), at);
      } catch (EvidenceException ex) {
        throw new InvalidReceipt("evidence of enclave " + e.identityKey() + ": " + ex.getMessage());
      }
    }
    throw new InvalidReceipt("no evidence for signing enclave " + Hex.toHexString(identityKey));
  }

  /** The verifiers for one entry: hardware formats with the collateral it carries. */
  private EvidenceVerifiers verifiersFor(Receipt.EvidenceEntry e) throws InvalidReceipt {
    if (hardware == null || !HardwareEvidenceVerifier.HARDWARE_FORMATS.contains(e.format())) {
      return verifiers;
    }
    List<byte[]> items = new ArrayList<>(e.collateral().size());
    for (String item : e.collateral()) {
      items.add(hex(item, "evidence.collateral"));
    }
    try {
      return HardwareEvidenceVerifier.withCarriedCollateral(
          e.format(), hardware, hardwarePolicy, items);
    } catch (IllegalArgumentException ex) {
      throw new InvalidReceipt("evidence of enclave " + e.identityKey() + ": " + ex.getMessage());
    }
  }

  private static JsonNode normalise(JsonNode node) throws InvalidReceipt {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(node));
    } catch (IOException e) {
      throw new InvalidReceipt("decoded view is not valid JSON");
    }
  }

  private static byte[] hex(String s, String field) throws InvalidReceipt {
    require(s != null, field + " is missing");
    try {
      return Hex.decodeStrict(s);
    } catch (DecoderException e) {
      throw new InvalidReceipt(field + " is not valid hex");
    }
  }

  private static byte[] hex32(String s, String field) throws InvalidReceipt {
    byte[] b = hex(s, field);
    require(b.length == 32, field + " must be 32 bytes");
    return b;
  }

  private static void require(boolean condition, String reason) throws InvalidReceipt {
    if (!condition) {
      throw new InvalidReceipt(reason);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static final class InvalidReceipt extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidReceipt(String reason) {
      super(reason);
    }
  }
}
