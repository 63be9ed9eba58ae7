package io.txnchain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.receipt.ReceiptBuilder;
import io.txnchain.ledger.witness.WitnessApp;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.sim.SimEnclave;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.receipt.Receipt;
import io.txnchain.wire.receipt.ReceiptVerifier;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence records and co-signatures through the real state machine, and receipts assembled from
 * them: what is refused, what is idempotent, and that a receipt carries every co-signer.
 */
class WitnessEvidenceTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Secp256k1KeyPair network = Secp256k1KeyPair.generate(RANDOM);
  private final AtomicReference<EvidencePolicy> policy =
      new AtomicReference<>(EvidencePolicy.allowingSimulated());
  @TempDir Path dir;
  private int clientIds;

  private WitnessApp app() {
    WitnessApp app = new WitnessApp(network.address().toChecksumHex());
    EvidenceVerifiers verifiers = EvidenceVerifiers.builtIn();
    app.verifyEvidenceWith(
        LedgerFixture.CHAIN,
        (evidence, collateral, reportData, time) ->
            verifiers.verify(evidence, policy.get(), reportData, Instant.ofEpochMilli(time)));
    return app;
  }

  private byte[] witness(byte[] input) {
    return Transaction.sign(
            new Transaction.Unsigned(
                LedgerFixture.CHAIN,
                TxKind.WORK_ORDER,
                "w" + (++clientIds),
                WitnessApp.NAME,
                new byte[0],
                false,
                input,
                new byte[0]),
            network)
        .encoded();
  }

  /** Another node's enclave, on its own simulated platform. */
  private SimEnclave peer(String name) {
    byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    return SimEnclave.openOrCreate(
        dir.resolve(name), SimPlatform.of(seed, seed), LedgerFixture.MEASUREMENT, RANDOM);
  }

  private static WitnessApp.EvidenceRecord evidenceOf(SimEnclave enclave) {
    Evidence e = enclave.evidence(WitnessApp.receiptNonce(LedgerFixture.CHAIN));
    return new WitnessApp.EvidenceRecord(
        enclave.keys().identityKey(), enclave.keys().encryptionKey(), e.format(), e.data());
  }

  /** What the state holds for an enclave's evidence record. */
  private static byte[] storedEvidence(LedgerFixture f, byte[] identityKey) {
    return f.store.get(
        io.txnchain.ledger.state.StateColumn.PUBLIC,
        concat(
            io.txnchain.ledger.state.AppStateView.namespace(WitnessApp.NAME),
            WitnessApp.evidenceKey(identityKey)));
  }

  private static String message(BlockCommit c) {
    return String.valueOf(c.outcomes().get(0).message());
  }

  @Test
  void evidenceIsRecordedOnceAndForgedOrMisboundEvidenceIsRefused() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("ledger"), List.of(app()))) {
      SimEnclave a = peer("a");
      SimEnclave b = peer("b");
      WitnessApp.EvidenceRecord good = evidenceOf(a);

      byte[] forgedData = good.data().clone();
      forgedData[forgedData.length - 1] ^= 1;
      BlockCommit forged =
          f.apply(
              witness(
                  new WitnessApp.EvidenceRecord(
                          good.identityKey(), good.encryptionKey(), good.format(), forgedData)
                      .encode()));
      assertThat(message(forged)).contains("bad_evidence");

      // a's evidence presented for b's identity key: the report data binds a's keys.
      BlockCommit misbound =
          f.apply(
              witness(
                  new WitnessApp.EvidenceRecord(
                          b.keys().identityKey(), good.encryptionKey(), good.format(), good.data())
                      .encode()));
      assertThat(message(misbound)).contains("bad_evidence").contains("another key");

      // Evidence over another nonce than the fixed receipt nonce binds nothing here.
      Evidence fresh = a.evidence(new byte[32]);
      BlockCommit wrongNonce =
          f.apply(
              witness(
                  new WitnessApp.EvidenceRecord(
                          good.identityKey(), good.encryptionKey(), fresh.format(), fresh.data())
                      .encode()));
      assertThat(message(wrongNonce)).contains("bad_evidence");

      policy.set(EvidencePolicy.strict());
      assertThat(message(f.apply(witness(good.encode())))).contains("SIMULATED");
      policy.set(EvidencePolicy.allowingSimulated());

      BlockCommit recorded = f.apply(witness(good.encode()));
      assertThat(recorded.outcomes().get(0).isRecorded()).isTrue();
      assertThat(recorded.publicWrites().entries()).hasSize(1);
      byte[] stored = storedEvidence(f, good.identityKey());
      assertThat(WitnessApp.EvidenceRecord.fromStored(good.identityKey(), stored).record().data())
          .isEqualTo(good.data());

      BlockCommit again = f.apply(witness(good.encode()));
      assertThat(again.outcomes().get(0).isRecorded()).isTrue();
      assertThat(again.publicWrites().entries()).isEmpty();

      BlockCommit truncated =
          f.apply(
              witness(
                  java.util.Arrays.copyOf(good.encode(), WitnessApp.EVIDENCE_MAGIC.length + 40)));
      assertThat(message(truncated)).contains("malformed_input");
    }
  }

  /**
   * A record's collateral reaches the check, is stored with the time of the block that recorded it,
   * and comes back in receipts as the entry's collateral and attestedAt. A record without
   * collateral keeps the stored form it had before collateral existed.
   */
  @Test
  void collateralTravelsFromTheRecordToTheCheckTheStateAndReceipts() throws Exception {
    List<List<byte[]>> seen = new ArrayList<>();
    WitnessApp app = new WitnessApp(network.address().toChecksumHex());
    EvidenceVerifiers verifiers = EvidenceVerifiers.builtIn();
    app.verifyEvidenceWith(
        LedgerFixture.CHAIN,
        (evidence, collateral, reportData, time) -> {
          seen.add(collateral);
          verifiers.verify(
              evidence, EvidencePolicy.allowingSimulated(), reportData, Instant.ofEpochMilli(time));
        });
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("ledger"), List.of(app))) {
      SimEnclave a = peer("a");
      WitnessApp.EvidenceRecord plain = evidenceOf(a);
      List<byte[]> items = List.of(new byte[] {0x30, 0x01}, "{}".getBytes(StandardCharsets.UTF_8));
      WitnessApp.EvidenceRecord carrying =
          new WitnessApp.EvidenceRecord(
              plain.identityKey(), plain.encryptionKey(), plain.format(), plain.data(), items);

      BlockCommit recorded = f.apply(witness(carrying.encode()));
      assertThat(recorded.outcomes().get(0).isRecorded()).as(message(recorded)).isTrue();
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0))
          .usingElementComparator(Arrays::compare)
          .containsExactlyElementsOf(items);
      byte[] stored = storedEvidence(f, plain.identityKey());
      WitnessApp.Stored back = WitnessApp.EvidenceRecord.fromStored(plain.identityKey(), stored);
      assertThat(back.recordedAt()).isEqualTo(recorded.header().timeMillis());
      assertThat(back.record().collateral())
          .usingElementComparator(Arrays::compare)
          .containsExactlyElementsOf(items);

      Transaction tx = LedgerFixture.data(network, "after", "signed by a");
      BlockHeader header = f.apply(tx.encoded()).header();
      f.apply(
          witness(
              new WitnessApp.Signature(
                      header.height(),
                      header.hash(),
                      a.keys().identityKey(),
                      a.sign(header.signingMessage()))
                  .encode()));
      Receipt receipt = new ReceiptBuilder(f.store).receipt(tx.id()).orElseThrow();
      Receipt.EvidenceEntry ofA =
          receipt.evidence().stream()
              .filter(e -> e.identityKey().equals(Hex.toHexString(a.keys().identityKey())))
              .findFirst()
              .orElseThrow();
      assertThat(ofA.attestedAt()).isEqualTo(recorded.header().timeMillis());
      assertThat(ofA.collateral()).containsExactly("3001", "7b7d");

      // Without collateral: the stored form is the one older ledgers hold, byte for byte.
      SimEnclave b = peer("b");
      WitnessApp.EvidenceRecord plainB = evidenceOf(b);
      f.apply(witness(plainB.encode()));
      byte[] storedB = storedEvidence(f, plainB.identityKey());
      assertThat(storedB)
          .isEqualTo(
              new ByteWriter()
                  .raw(plainB.encryptionKey())
                  .string(plainB.format())
                  .bytes(plainB.data())
                  .toByteArray());
      assertThat(WitnessApp.EvidenceRecord.fromStored(plainB.identityKey(), storedB).recordedAt())
          .isNull();

      // Collateral bounds are part of the input format.
      List<byte[]> tooMany = new ArrayList<>();
      for (int i = 0; i <= WitnessApp.MAX_COLLATERAL_ITEMS; i++) {
        tooMany.add(new byte[] {1});
      }
      assertThat(
              message(
                  f.apply(
                      witness(
                          new WitnessApp.EvidenceRecord(
                                  plainB.identityKey(),
                                  plainB.encryptionKey(),
                                  plainB.format(),
                                  plainB.data(),
                                  tooMany)
                              .encode()))))
          .contains("malformed_input");
    }
  }

  @Test
  void evidenceIsRefusedWhereTheNetworkDoesNotCheckIt() throws Exception {
    WitnessApp unchecked = new WitnessApp(network.address().toChecksumHex());
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("ledger"), List.of(unchecked))) {
      assertThat(message(f.apply(witness(evidenceOf(peer("a")).encode()))))
          .contains("evidence_unverifiable");
    }
  }

  @Test
  void aBatchOfSignaturesRecordsEachOnceAndSkipsWhatLandedAlready() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("ledger"), List.of(app()))) {
      BlockHeader h1 = f.apply(LedgerFixture.data(network, "d1", "one").encoded()).header();
      BlockHeader h2 = f.apply(LedgerFixture.data(network, "d2", "two").encoded()).header();
      SimEnclave a = peer("a");
      WitnessApp.Signature s1 =
          new WitnessApp.Signature(
              1, h1.hash(), a.keys().identityKey(), a.sign(h1.signingMessage()));
      WitnessApp.Signature s2 =
          new WitnessApp.Signature(
              2, h2.hash(), a.keys().identityKey(), a.sign(h2.signingMessage()));

      assertThat(f.apply(witness(s1.encode())).publicWrites().entries()).hasSize(1);
      BlockCommit both = f.apply(witness(WitnessApp.encode(List.of(s1, s2))));
      assertThat(both.outcomes().get(0).isRecorded()).isTrue();
      assertThat(both.publicWrites().entries()).hasSize(1);
      assertThat(message(f.apply(witness(WitnessApp.encode(List.of(s1, s2))))))
          .contains("already_signed");

      byte[] badSecond = WitnessApp.encode(List.of(s1, s2));
      badSecond[WitnessApp.INPUT_LENGTH + 10] ^= 1;
      assertThat(message(f.apply(witness(badSecond)))).contains("bad_signature");

      List<WitnessApp.Signature> tooMany = new ArrayList<>();
      for (int i = 0; i <= WitnessApp.MAX_SIGNATURES; i++) {
        tooMany.add(s1);
      }
      assertThat(message(f.apply(witness(WitnessApp.encode(tooMany))))).contains("malformed_input");
    }
  }

  @Test
  void aReceiptCarriesEveryCoSignatureWithItsEvidenceOwnFirst() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("ledger"), List.of(app()))) {
      Transaction tx = LedgerFixture.data(network, "d1", "hello");
      BlockHeader header = f.apply(tx.encoded()).header();
      byte[] ownKey = f.enclave.keys().identityKey();
      Evidence own = f.enclave.evidence(WitnessApp.receiptNonce(LedgerFixture.CHAIN));
      ReceiptBuilder.storeEvidence(
          f.store,
          new Receipt.EvidenceEntry(
              Hex.toHexString(ownKey),
              Hex.toHexString(f.enclave.keys().encryptionKey()),
              Hex.toHexString(WitnessApp.receiptNonce(LedgerFixture.CHAIN)),
              own.format(),
              Hex.toHexString(own.data())));
      SimEnclave a = peer("a");
      SimEnclave b = peer("b");
      SimEnclave noEvidence = peer("c");
      SimEnclave otherHeader = peer("d");
      List<WitnessApp.Signature> sigs = new ArrayList<>();
      for (SimEnclave e : List.of(a, b, noEvidence)) {
        sigs.add(
            new WitnessApp.Signature(
                1, header.hash(), e.keys().identityKey(), e.sign(header.signingMessage())));
      }
      // The node's own signature recorded on the ledger too: it must not appear twice.
      sigs.add(
          new WitnessApp.Signature(
              1, header.hash(), ownKey, f.enclave.sign(header.signingMessage())));
      byte[] otherHash = header.hash().clone();
      otherHash[0] ^= 1;
      sigs.add(
          new WitnessApp.Signature(
              1,
              otherHash,
              otherHeader.keys().identityKey(),
              otherHeader.sign(BlockHeader.signingMessage(otherHash))));
      f.apply(
          witness(WitnessApp.encode(sigs)),
          witness(evidenceOf(a).encode()),
          witness(evidenceOf(b).encode()),
          witness(evidenceOf(otherHeader).encode()));

      Receipt r = new ReceiptBuilder(f.store).receipt(tx.id()).orElseThrow();
      List<String> signers = r.signatures().stream().map(Receipt.Signature::enclaveKey).toList();
      List<String> others =
          new ArrayList<>(
              List.of(
                  Hex.toHexString(a.keys().identityKey()),
                  Hex.toHexString(b.keys().identityKey())));
      others.sort(null);
      List<String> expected = new ArrayList<>();
      expected.add(Hex.toHexString(ownKey));
      expected.addAll(others);
      assertThat(signers).containsExactlyElementsOf(expected);
      assertThat(r.evidence().stream().map(Receipt.EvidenceEntry::identityKey).toList())
          .containsExactlyElementsOf(expected);

      ReceiptVerifier verifier =
          new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated(), 3);
      assertThat(verifier.verify(r, Instant.now()).valid()).isTrue();
      ReceiptVerifier.Result four =
          new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated(), 4)
              .verify(r, Instant.now());
      assertThat(four.valid()).isFalse();
      assertThat(four.reason()).contains("3").contains("at least 4");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
