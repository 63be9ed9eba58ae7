package io.txnchain.wire.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.merkle.InclusionProof;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.sim.SimEvidenceProvider;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.Event;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.block.TxStatus;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  private static final String CHAIN = "receipt-chain";
  private static final byte[] MEASUREMENT = filled(32, 0x3c);
  private static final SimPlatform PLATFORM = SimPlatform.of(filled(32, 1), filled(32, 2));
  private static final Secp256k1KeyPair ALICE = Secp256k1KeyPair.fromPrivateKey(filled(32, 0x31));
  private static final Secp256k1KeyPair BOB = Secp256k1KeyPair.fromPrivateKey(filled(32, 0x32));
  private static final ReceiptVerifier SIMULATED_OK =
      new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated());

  /** One enclave of the test network: identity, encryption key, and its evidence. */
  record TestEnclave(Ed25519KeyPair identity, X25519KeyPair encryption, byte[] nonce) {
    static TestEnclave of(int seed) {
      return new TestEnclave(
          Ed25519KeyPair.fromSeed(filled(32, seed)),
          X25519KeyPair.fromPrivateKey(filled(32, seed + 50)),
          utf8("genesis-" + seed));
    }

    EnclaveKeys keys() {
      return new EnclaveKeys(identity.publicKey(), encryption.publicKey());
    }

    Receipt.EvidenceEntry evidence() {
      Evidence e = new SimEvidenceProvider(PLATFORM, MEASUREMENT).produce(keys().reportData(nonce));
      return new Receipt.EvidenceEntry(
          Hex.toHexString(identity.publicKey()),
          Hex.toHexString(encryption.publicKey()),
          Hex.toHexString(nonce),
          e.format(),
          Hex.toHexString(e.data()));
    }

    Receipt.Signature sign(BlockHeader header) {
      return new Receipt.Signature(
          Hex.toHexString(identity.publicKey()),
          Hex.toHexString(identity.sign(header.signingMessage())));
    }
  }

  private static final TestEnclave ENCLAVE = TestEnclave.of(7);
  private static final TestEnclave SECOND = TestEnclave.of(8);

  private List<TxRecord> records;
  private BlockHeader header;
  private MerkleTree tree;

  static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Transaction work(Secp256k1KeyPair key, String clientId, String input) {
    return Transaction.sign(
        new Transaction.Unsigned(
            CHAIN, TxKind.WORK_ORDER, clientId, "kv", new byte[0], false, utf8(input), new byte[0]),
        key);
  }

  @BeforeEach
  void buildBlock() {
    byte[] output = utf8("{\"value\":1}");
    Transaction sealed =
        Transaction.sign(
            new Transaction.Unsigned(
                CHAIN, TxKind.DATA, "d1", "", new byte[0], true, filled(120, 4), filled(32, 5)),
            BOB);
    records =
        List.of(
            new TxRecord(
                work(ALICE, "p1", "{\"op\":\"put\",\"key\":\"k\",\"value\":1}"),
                TxStatus.OK,
                "",
                "",
                output,
                Hashes.sha256(output),
                false,
                List.of(new Event("kv", "put", utf8("k")))),
            new TxRecord(
                work(BOB, "p2", "{\"op\":\"put\",\"key\":\"k\",\"value\":2}"),
                TxStatus.FAILED,
                "not_owner",
                "key k belongs to another account",
                new byte[0],
                new byte[0],
                false,
                List.of()),
            new TxRecord(
                sealed, TxStatus.OK, "", "", filled(64, 6), filled(32, 7), true, List.of()));
    tree = new MerkleTree();
    for (TxRecord r : records) {
      tree.append(r.encode());
    }
    header =
        new BlockHeader(
            BlockHeader.VERSION,
            CHAIN,
            12,
            filled(32, 0x0a),
            tree.root(),
            filled(32, 0x0b),
            records.size(),
            1_750_000_000_000L);
  }

  private Receipt receipt(int index, List<TestEnclave> signers) {
    TxRecord record = records.get(index);
    InclusionProof proof = tree.proof(index);
    List<Receipt.Signature> sigs = new ArrayList<>();
    List<Receipt.EvidenceEntry> evidence = new ArrayList<>();
    for (TestEnclave e : signers) {
      sigs.add(e.sign(header));
      evidence.add(e.evidence());
    }
    return new Receipt(
        Receipt.VERSION,
        record.tx().id(),
        Hex.toHexString(record.encode()),
        new Receipt.Proof(
            proof.leafIndex(),
            proof.treeSize(),
            proof.path().stream().map(Hex::toHexString).toList()),
        new Receipt.Header(
            header.version(),
            header.chainId(),
            header.height(),
            Hex.toHexString(header.prevHash()),
            Hex.toHexString(header.txRoot()),
            Hex.toHexString(header.stateRoot()),
            header.txCount(),
            header.timeMillis()),
        sigs,
        evidence,
        ReceiptView.describe(record));
  }

  /** {@code r} with other evidence entries. */
  private static Receipt withEvidence(Receipt r, List<Receipt.EvidenceEntry> evidence) {
    return new Receipt(
        r.version(),
        r.id(),
        r.entry(),
        r.proof(),
        r.header(),
        r.signatures(),
        evidence,
        r.decoded());
  }

  private String json(int index) throws Exception {
    return MAPPER.writeValueAsString(receipt(index, List.of(ENCLAVE)));
  }

  /** Verifies the receipt of record 0 after {@code edit} changed its JSON. */
  private ReceiptVerifier.Result edited(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode tree = (ObjectNode) MAPPER.readTree(json(0));
    edit.accept(tree);
    return SIMULATED_OK.verify(MAPPER.writeValueAsString(tree), NOW);
  }

  private static void assertInvalid(ReceiptVerifier.Result result, String reasonPart) {
    assertThat(result.valid()).as("valid; reason %s", result.reason()).isFalse();
    assertThat(result.reason()).contains(reasonPart);
    assertThat(result.height()).isEqualTo(-1);
    assertThat(result.signers()).isEmpty();
  }

  /** Flips the low bit of the byte at {@code index} of a hex string. */
  private static String flipHex(String hex, int index) {
    byte[] b = Hex.decode(hex);
    b[index] ^= 1;
    return Hex.toHexString(b);
  }

  private static ObjectNode obj(ObjectNode n, String field) {
    return (ObjectNode) n.get(field);
  }

  @Test
  void everyReceiptOfTheBlockIsValidWhenSimulationIsAllowed() throws Exception {
    for (int i = 0; i < records.size(); i++) {
      ReceiptVerifier.Result result = SIMULATED_OK.verify(json(i), NOW);
      assertThat(result.valid()).as("record %d: %s", i, result.reason()).isTrue();
      assertThat(result.reason()).isEqualTo("valid");
      assertThat(result.height()).isEqualTo(12);
      assertThat(result.signers()).hasSize(1);
      assertThat(result.signers().get(0).simulated()).isTrue();
      assertThat(result.signers().get(0).measurement()).isEqualTo(MEASUREMENT);
    }
  }

  @Test
  void theParsedReceiptVerifiesToo() {
    assertThat(SIMULATED_OK.verify(receipt(1, List.of(ENCLAVE)), NOW).valid()).isTrue();
  }

  @Test
  void aSingleRecordBlockWithAnEmptyPathIsValid() throws Exception {
    records = List.of(records.get(0));
    tree = new MerkleTree();
    tree.append(records.get(0).encode());
    header = new BlockHeader(1, CHAIN, 1, new byte[32], tree.root(), filled(32, 0x0b), 1, 1L);
    Receipt r = receipt(0, List.of(ENCLAVE));
    assertThat(r.proof().path()).isEmpty();
    assertThat(SIMULATED_OK.verify(MAPPER.writeValueAsString(r), NOW).valid()).isTrue();
  }

  @Test
  void twoSigningEnclavesAreBothReported() throws Exception {
    String json = MAPPER.writeValueAsString(receipt(2, List.of(ENCLAVE, SECOND)));
    ReceiptVerifier.Result result = SIMULATED_OK.verify(json, NOW);
    assertThat(result.valid()).as(result.reason()).isTrue();
    assertThat(result.signers()).hasSize(2);
  }

  @Test
  void aSignerWithoutEvidenceMakesTheReceiptInvalid() throws Exception {
    Receipt r = receipt(0, List.of(ENCLAVE, SECOND));
    Receipt missing = withEvidence(r, List.of(r.evidence().get(0)));
    assertInvalid(
        SIMULATED_OK.verify(MAPPER.writeValueAsString(missing), NOW),
        "no evidence for signing enclave " + Hex.toHexString(SECOND.identity().publicKey()));
  }

  @Test
  void theSameSignatureListedTwiceIsRefused() throws Exception {
    Receipt r = receipt(0, List.of(ENCLAVE));
    Receipt doubled =
        new Receipt(
            r.version(),
            r.id(),
            r.entry(),
            r.proof(),
            r.header(),
            List.of(r.signatures().get(0), r.signatures().get(0)),
            r.evidence(),
            r.decoded());
    assertInvalid(SIMULATED_OK.verify(MAPPER.writeValueAsString(doubled), NOW), "more than once");
  }

  @Test
  void strictPolicyRefusesSimulatedEvidence() throws Exception {
    ReceiptVerifier strict =
        new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.strict());
    assertInvalid(strict.verify(json(0), NOW), "SIMULATED");
  }

  @Test
  void theMeasurementPolicyApplies() throws Exception {
    ReceiptVerifier pinned =
        new ReceiptVerifier(
            EvidenceVerifiers.builtIn(),
            EvidencePolicy.allowingSimulated()
                .withMeasurements(Set.of(Hex.toHexString(MEASUREMENT))));
    assertThat(pinned.verify(json(0), NOW).valid()).isTrue();
    ReceiptVerifier other =
        new ReceiptVerifier(
            EvidenceVerifiers.builtIn(),
            EvidencePolicy.allowingSimulated()
                .withMeasurements(Set.of(Hex.toHexString(filled(32, 1)))));
    assertInvalid(other.verify(json(0), NOW), "not in the allowed list");
  }

  @Test
  void everyChangedEntryByteIsRefused() throws Exception {
    String entry = MAPPER.readTree(json(0)).get("entry").asText();
    int length = entry.length() / 2;
    for (int i = 0; i < length; i++) {
      int at = i;
      ReceiptVerifier.Result result = edited(n -> n.put("entry", flipHex(entry, at)));
      assertThat(result.valid()).as("entry byte %d", i).isFalse();
      assertThat(result.reason())
          .as("entry byte %d", i)
          .containsAnyOf(
              "entry does not decode",
              "is not the entry's transaction id",
              "decoded view does not match",
              "another chain",
              "inclusion proof does not lead");
    }
  }

  @Test
  void aChangedEntryIsCaughtByTheProofEvenWithoutAView() throws Exception {
    String entry = MAPPER.readTree(json(0)).get("entry").asText();
    int last = entry.length() / 2 - 1; // the last byte of the last event's data
    assertInvalid(
        edited(
            n -> {
              n.remove("decoded");
              n.put("entry", flipHex(entry, last));
            }),
        "inclusion proof does not lead to the header's txRoot");
    assertThat(edited(n -> n.remove("decoded")).valid()).isTrue();
  }

  @Test
  void everyHeaderFieldIsBound() throws Exception {
    assertInvalid(edited(n -> obj(n, "header").put("version", 2)), "unsupported header version");
    assertInvalid(edited(n -> obj(n, "header").put("chainId", "other")), "another chain");
    assertInvalid(edited(n -> obj(n, "header").put("height", 13)), "does not verify");
    assertInvalid(
        edited(n -> obj(n, "header").put("prevHash", flipHex(header(n, "prevHash"), 0))),
        "does not verify");
    assertInvalid(
        edited(n -> obj(n, "header").put("txRoot", flipHex(header(n, "txRoot"), 31))),
        "inclusion proof does not lead");
    assertInvalid(
        edited(n -> obj(n, "header").put("stateRoot", flipHex(header(n, "stateRoot"), 5))),
        "does not verify");
    assertInvalid(edited(n -> obj(n, "header").put("txCount", 4)), "tree size differs");
    assertInvalid(edited(n -> obj(n, "header").put("timeMillis", 1)), "does not verify");
  }

  @Test
  void aHeaderWithBothTxCountAndTreeSizeChangedIsRefused() throws Exception {
    // For leaf 0, a 3-leaf proof also computes the same root as a 4-leaf one: only the header
    // signature, which covers txCount, refuses the change.
    assertInvalid(
        edited(
            n -> {
              obj(n, "header").put("txCount", 4);
              obj(n, "proof").put("treeSize", 4);
            }),
        "does not verify");
  }

  private static String header(ObjectNode n, String field) {
    return n.get("header").get(field).asText();
  }

  @Test
  void everyProofPathElementIsBound() throws Exception {
    int size = MAPPER.readTree(json(0)).get("proof").get("path").size();
    assertThat(size).isEqualTo(2);
    for (int i = 0; i < size; i++) {
      int at = i;
      for (int b : new int[] {0, 17, 31}) {
        assertInvalid(
            edited(
                n -> {
                  ArrayNode path = (ArrayNode) n.get("proof").get("path");
                  path.set(
                      at, path.get(at).asText().isEmpty() ? "" : flipHex(path.get(at).asText(), b));
                }),
            "inclusion proof does not lead");
      }
    }
    assertInvalid(
        edited(n -> ((ArrayNode) n.get("proof").get("path")).remove(1)),
        "inclusion proof is malformed");
    assertInvalid(
        edited(n -> ((ArrayNode) n.get("proof").get("path")).add(Hex.toHexString(new byte[32]))),
        "inclusion proof is malformed");
    assertInvalid(
        edited(n -> ((ArrayNode) n.get("proof").get("path")).set(0, "abcd")),
        "proof.path must be 32 bytes");
    assertInvalid(edited(n -> obj(n, "proof").remove("path")), "proof path is missing");
  }

  @Test
  void leafIndexAndTreeSizeAreBound() throws Exception {
    assertInvalid(edited(n -> obj(n, "proof").put("leafIndex", 1)), "does not lead");
    assertInvalid(edited(n -> obj(n, "proof").put("leafIndex", 2)), "inclusion proof");
    assertInvalid(edited(n -> obj(n, "proof").put("leafIndex", 3)), "inclusion proof is malformed");
    assertInvalid(
        edited(n -> obj(n, "proof").put("leafIndex", -1)), "inclusion proof is malformed");
    assertInvalid(edited(n -> obj(n, "proof").put("treeSize", 2)), "tree size differs");
    assertInvalid(edited(n -> obj(n, "proof").put("treeSize", 4)), "tree size differs");
  }

  @Test
  void everySignatureByteIsBound() throws Exception {
    for (int i = 0; i < 64; i++) {
      int at = i;
      assertInvalid(
          edited(
              n -> {
                ObjectNode s = (ObjectNode) n.get("signatures").get(0);
                s.put("signature", flipHex(s.get("signature").asText(), at));
              }),
          "does not verify");
    }
  }

  @Test
  void theSigningKeyIsBound() throws Exception {
    String other = Hex.toHexString(SECOND.identity().publicKey());
    assertInvalid(
        edited(n -> ((ObjectNode) n.get("signatures").get(0)).put("enclaveKey", other)),
        "header signature by enclave " + other + " does not verify");
    // A signature by a key that has evidence, over another header, does not verify either.
    assertInvalid(
        edited(
            n -> {
              ObjectNode s = (ObjectNode) n.get("signatures").get(0);
              s.put("enclaveKey", other);
              s.put(
                  "signature", Hex.toHexString(SECOND.identity().sign(utf8("some other message"))));
              ((ArrayNode) n.get("evidence")).add(MAPPER.valueToTree(SECOND.evidence()));
            }),
        "does not verify");
  }

  @Test
  void evidenceIsBoundToTheSigningKey() throws Exception {
    assertInvalid(
        edited(
            n -> {
              ObjectNode e = (ObjectNode) n.get("evidence").get(0);
              e.put("data", flipHex(e.get("data").asText(), 100));
            }),
        "sim evidence signature does not verify");
    assertInvalid(
        edited(
            n -> {
              ObjectNode e = (ObjectNode) n.get("evidence").get(0);
              e.put("data", flipHex(e.get("data").asText(), 50));
            }),
        "sim evidence signature does not verify");
    assertInvalid(
        edited(
            n -> ((ObjectNode) n.get("evidence").get(0)).put("nonce", Hex.toHexString(utf8("x")))),
        "report data does not bind");
    assertInvalid(
        edited(
            n ->
                ((ObjectNode) n.get("evidence").get(0))
                    .put("encryptionKey", Hex.toHexString(SECOND.encryption().publicKey()))),
        "report data does not bind");
    assertInvalid(
        edited(
            n ->
                ((ObjectNode) n.get("evidence").get(0))
                    .put("identityKey", Hex.toHexString(SECOND.identity().publicKey()))),
        "no evidence for signing enclave");
    assertInvalid(
        edited(n -> ((ObjectNode) n.get("evidence").get(0)).put("format", "sgx-dcap")),
        "unknown evidence format");
    assertInvalid(
        edited(n -> ((ObjectNode) n.get("evidence").get(0)).remove("format")),
        "evidence format is missing");
    // Evidence of another enclave, relabelled with this enclave's keys, binds the other keys.
    assertInvalid(
        edited(
            n -> {
              ObjectNode e = (ObjectNode) n.get("evidence").get(0);
              e.put("data", SECOND.evidence().data());
            }),
        "report data does not bind");
  }

  @Test
  void editedViewsAreRefused() throws Exception {
    List<Consumer<ObjectNode>> edits =
        List.of(
            d -> d.put("clientId", "p9"),
            d -> d.put("status", "failed"),
            d -> d.put("extra", 1),
            d -> d.remove("sender"),
            d -> d.put("sender", ALICE.address().toString().toLowerCase()),
            d -> ((ObjectNode) d.get("payload")).put("value", 2),
            d -> ((ObjectNode) d.get("events").get(0)).put("type", "delete"));
    for (Consumer<ObjectNode> edit : edits) {
      assertInvalid(edited(n -> edit.accept(obj(n, "decoded"))), "decoded view does not match");
    }
    assertInvalid(edited(n -> n.putNull("decoded")), "decoded view does not match");
    assertInvalid(edited(n -> n.put("decoded", "text")), "decoded view does not match");
  }

  @Test
  void theViewIsCheckedInAnyKeyOrder() throws Exception {
    assertThat(
            edited(
                    n -> {
                      ObjectNode d = obj(n, "decoded");
                      ObjectNode reversed = MAPPER.createObjectNode();
                      List<String> names = new ArrayList<>();
                      d.fieldNames().forEachRemaining(names::add);
                      for (int i = names.size() - 1; i >= 0; i--) {
                        reversed.set(names.get(i), d.get(names.get(i)));
                      }
                      n.set("decoded", reversed);
                    })
                .valid())
        .isTrue();
  }

  @Test
  void theIdAndChainAreBound() throws Exception {
    String otherId = records.get(1).tx().id();
    assertInvalid(edited(n -> n.put("id", otherId)), "is not the entry's transaction id");
    assertInvalid(edited(n -> n.remove("id")), "is not the entry's transaction id");
    assertInvalid(edited(n -> obj(n, "header").put("chainId", "other")), "another chain");
    assertInvalid(edited(n -> obj(n, "header").remove("chainId")), "header chainId is missing");
  }

  @Test
  void signaturesAndEvidenceAreRequired() throws Exception {
    assertInvalid(edited(n -> n.putArray("signatures")), "header carries no signature");
    assertInvalid(edited(n -> n.remove("signatures")), "header carries no signature");
    assertInvalid(edited(n -> n.remove("evidence")), "receipt carries no evidence");
    assertInvalid(edited(n -> n.putArray("evidence")), "no evidence for signing enclave");
  }

  @Test
  void incompleteAndOtherVersionReceiptsAreRefused() throws Exception {
    assertInvalid(edited(n -> n.put("version", 2)), "unsupported receipt version 2");
    assertInvalid(edited(n -> n.remove("version")), "unsupported receipt version 0");
    assertInvalid(edited(n -> n.remove("entry")), "receipt is incomplete");
    assertInvalid(edited(n -> n.remove("proof")), "receipt is incomplete");
    assertInvalid(edited(n -> n.remove("header")), "receipt is incomplete");
  }

  @Test
  void malformedJsonIsInvalidNeverAnException() throws Exception {
    String valid = json(0);
    String[] inputs = {
      "",
      "{",
      "not json",
      "[]",
      "null",
      "42",
      "\"receipt\"",
      "{\"version\":\"one\"}",
      "{\"version\":1,\"proof\":[]}",
      "{\"unexpected\":true}",
      valid.substring(0, valid.length() / 2),
      valid + " trailing",
      valid + "{}",
      null
    };
    for (String input : inputs) {
      ReceiptVerifier.Result result = SIMULATED_OK.verify(input, NOW);
      assertThat(result.valid()).as(String.valueOf(input)).isFalse();
      assertThat(result.reason()).as(String.valueOf(input)).isNotBlank();
    }
    assertThat(SIMULATED_OK.verify((Receipt) null, NOW).valid()).isFalse();
  }

  @Test
  void nonHexFieldsAreInvalidNeverAnException() throws Exception {
    List<Consumer<ObjectNode>> edits =
        List.of(
            n -> n.put("entry", "zz"),
            n -> n.put("entry", "abc"),
            n -> ((ArrayNode) n.get("proof").get("path")).set(0, "x".repeat(64)),
            n -> obj(n, "header").put("prevHash", "0g" + "00".repeat(31)),
            n -> obj(n, "header").put("txRoot", "0x" + header(n, "txRoot")),
            n -> obj(n, "header").put("stateRoot", "not hex"),
            n -> ((ObjectNode) n.get("signatures").get(0)).put("signature", "nothex"),
            n -> ((ObjectNode) n.get("signatures").get(0)).put("enclaveKey", "abc"),
            n -> ((ObjectNode) n.get("evidence").get(0)).put("data", "??"),
            n -> ((ObjectNode) n.get("evidence").get(0)).put("nonce", "q"),
            n -> ((ObjectNode) n.get("evidence").get(0)).put("identityKey", "-1"),
            n -> ((ObjectNode) n.get("evidence").get(0)).put("encryptionKey", " "));
    for (Consumer<ObjectNode> edit : edits) {
      assertInvalid(edited(edit), "not valid hex");
    }
    assertInvalid(
        edited(n -> obj(n, "header").put("prevHash", "00".repeat(31))),
        "header.prevHash must be 32 bytes");
    assertInvalid(
        edited(n -> ((ObjectNode) n.get("signatures").get(0)).put("enclaveKey", "00")),
        "signature.enclaveKey must be 32 bytes");
    assertInvalid(edited(n -> obj(n, "header").putNull("txRoot")), "header.txRoot is missing");
  }

  @Test
  void wrongJsonTypesAreInvalid() throws Exception {
    List<Consumer<ObjectNode>> edits =
        List.of(
            n -> n.put("signatures", "abc"),
            n -> n.putArray("evidence").add(3),
            n -> obj(n, "header").put("height", "high"),
            n -> obj(n, "proof").putObject("path"),
            n -> n.put("header", 5),
            n -> ((ArrayNode) n.get("signatures")).addNull(),
            n -> ((ArrayNode) n.get("evidence")).insertNull(0));
    for (Consumer<ObjectNode> edit : edits) {
      ReceiptVerifier.Result result = edited(edit);
      assertThat(result.valid()).isFalse();
      assertThat(result.reason()).isNotBlank();
    }
  }

  @Test
  void theReceiptSerialisesWithTheDocumentedFieldOrder() throws Exception {
    JsonNode n = MAPPER.readTree(json(0));
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "version", "id", "decoded", "entry", "proof", "header", "signatures", "evidence");
  }

  @Test
  void requiresTheMinimumNumberOfDistinctVerifiedSigners() {
    Receipt two = receipt(0, List.of(ENCLAVE, SECOND));
    ReceiptVerifier needTwo =
        new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated(), 2);
    ReceiptVerifier needThree =
        new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated(), 3);
    assertThat(needTwo.verify(two, NOW).valid()).isTrue();
    assertThat(needTwo.verify(two, NOW).signers()).hasSize(2);
    assertInvalid(
        needThree.verify(two, NOW),
        "header is signed by 2 distinct enclave(s) with verified evidence; at least 3 are"
            + " required");
    assertInvalid(needTwo.verify(receipt(0, List.of(ENCLAVE)), NOW), "at least 2");
    assertThatThrownBy(
            () ->
                new ReceiptVerifier(
                    EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] sample(String name) throws Exception {
    try (var in = ReceiptVerifierTest.class.getResourceAsStream("/attestation/" + name)) {
      return in.readAllBytes();
    }
  }

  /**
   * The receipt of record 0 with its signer's evidence replaced by the genuine SGX quote, attested
   * at {@code attestedAt}, carrying {@code collateral}. The quote's report data does not bind the
   * signer's keys, so the best a verifier can say is exactly that: every check before it passed.
   */
  private Receipt withSgxEvidence(Instant attestedAt, List<String> collateral) throws Exception {
    Receipt r = receipt(0, List.of(ENCLAVE));
    Receipt.EvidenceEntry sim = r.evidence().get(0);
    Receipt.EvidenceEntry sgx =
        new Receipt.EvidenceEntry(
            sim.identityKey(),
            sim.encryptionKey(),
            sim.nonce(),
            "sgx-dcap",
            Hex.toHexString(sample("dcap-qvl/sgx_quote")),
            attestedAt.toEpochMilli(),
            collateral);
    return withEvidence(r, List.of(sgx));
  }

  private static List<String> sgxCollateral() throws Exception {
    return CollateralBundle.encode(
            CollateralFiles.read(sample("dcap-qvl/sgx_quote_collateral.json")).collateral())
        .stream()
        .map(Hex::toHexString)
        .toList();
  }

  @Test
  void hardwareEvidenceIsJudgedWithTheCollateralItCarriesAtTheTimeItWasAttested() throws Exception {
    ReceiptVerifier hardware =
        new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.strict())
            .withHardware(AttestationVerifier.pinned(), AttestationPolicy.defaults());
    Instant attested = Instant.parse("2025-07-01T00:00:00Z");
    List<String> collateral = sgxCollateral();

    // Quote, PCK chain, CRLs, TCB Info and QE Identity all verified: only the binding fails.
    ReceiptVerifier.Result carried = hardware.verify(withSgxEvidence(attested, collateral), NOW);
    assertInvalid(carried, "report data does not bind the enclave keys");
    // The same through JSON, as `txnchain verify` reads it, a year after the collateral expired.
    String json = MAPPER.writeValueAsString(withSgxEvidence(attested, collateral));
    assertThat(json).contains("\"attestedAt\":" + attested.toEpochMilli(), "\"collateral\":[");
    assertInvalid(
        hardware.verify(json, Instant.parse("2026-07-01T00:00:00Z")), "report data does not bind");

    ReceiptVerifier.Result none = hardware.verify(withSgxEvidence(attested, List.of()), NOW);
    assertThat(none.valid()).isFalse();
    assertThat(none.reason()).doesNotContain("report data");
    assertInvalid(
        hardware.verify(withSgxEvidence(Instant.parse("2025-08-01T00:00:00Z"), collateral), NOW),
        "collateral expired");
    List<String> changed = new ArrayList<>(collateral);
    int last = changed.size() - 1;
    changed.set(last, flipHex(changed.get(last), changed.get(last).length() / 4));
    ReceiptVerifier.Result tampered = hardware.verify(withSgxEvidence(attested, changed), NOW);
    assertThat(tampered.valid()).isFalse();
    assertThat(tampered.reason()).doesNotContain("report data");
    assertInvalid(
        hardware.verify(withSgxEvidence(attested, List.of("zz")), NOW),
        "evidence.collateral is not valid hex");
    // Without hardware verifiers the format is unknown, whatever the receipt carries.
    assertInvalid(
        SIMULATED_OK.verify(withSgxEvidence(attested, collateral), NOW),
        "unknown evidence format 'sgx-dcap'");
  }
}
