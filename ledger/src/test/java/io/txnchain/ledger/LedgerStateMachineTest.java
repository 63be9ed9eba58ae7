package io.txnchain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.Ed25519;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.RejectCode;
import io.txnchain.ledger.machine.TxOutcome;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStateMachineTest {
  private static final Secp256k1KeyPair ALICE = key(1);
  private static final Secp256k1KeyPair BOB = key(2);

  @TempDir Path dir;

  private static Secp256k1KeyPair key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    return Secp256k1KeyPair.fromPrivateKey(k);
  }

  @Test
  void recordsADataTransactionInASignedBlockWhoseRootCoversIt() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      Transaction tx = LedgerFixture.data(ALICE, "c1", "hello");
      BlockCommit c = f.apply(tx.encoded());

      assertThat(c.outcomes()).containsExactly(TxOutcome.recorded(tx.id(), 0));
      assertThat(c.header().height()).isEqualTo(1);
      MerkleTree tree = new MerkleTree();
      tree.append(c.records().get(0));
      assertThat(c.header().txRoot()).isEqualTo(tree.root());
      assertThat(
              Ed25519.verify(
                  f.enclave.keys().identityKey(),
                  c.header().signingMessage(),
                  c.signature().signature()))
          .isTrue();
      assertThat(f.store.containsTx(tx.id())).isTrue();
    }
  }

  @Test
  void refusesReplaysWithinABatchAndAcrossBlocks() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      Transaction tx = LedgerFixture.data(ALICE, "same", "one");
      Transaction again = LedgerFixture.data(ALICE, "same", "two");
      BlockCommit first = f.apply(tx.encoded(), again.encoded());
      assertThat(first.outcomes().get(1).code()).isEqualTo(RejectCode.DUPLICATE_TRANSACTION);

      BlockCommit second = f.apply(tx.encoded());
      assertThat(second.hasBlock()).isFalse();
      assertThat(second.outcomes().get(0).code()).isEqualTo(RejectCode.DUPLICATE_TRANSACTION);
      assertThat(f.store.head().height()).isEqualTo(1);
    }
  }

  @Test
  void theSameClientIdFromAnotherSenderIsAnotherTransaction() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      BlockCommit c =
          f.apply(
              LedgerFixture.data(ALICE, "x", "a").encoded(),
              LedgerFixture.data(BOB, "x", "b").encoded());
      assertThat(c.records()).hasSize(2);
    }
  }

  @Test
  void refusesASignatureByAnotherKey() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      byte[] forged = LedgerFixture.data(ALICE, "f", "x").encoded();
      byte[] bob = BOB.publicKeyCompressed();
      int senderAt = indexOf(forged, ALICE.publicKeyCompressed());
      System.arraycopy(bob, 0, forged, senderAt, 33);

      BlockCommit c = f.apply(forged);
      assertThat(c.outcomes().get(0).code()).isEqualTo(RejectCode.BAD_SIGNATURE);
      assertThat(c.hasBlock()).isFalse();
    }
  }

  @Test
  void refusesMalformedBytesAndOtherChainsWithoutStoppingTheBatch() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      Transaction other =
          Transaction.sign(
              new Transaction.Unsigned(
                  "other", TxKind.DATA, "o", "", new byte[0], false, new byte[1], new byte[0]),
              ALICE);
      Transaction good = LedgerFixture.data(ALICE, "g", "fine");
      BlockCommit c = f.apply(new byte[] {1, 2, 3}, other.encoded(), good.encoded());
      assertThat(c.outcomes())
          .extracting(TxOutcome::code)
          .containsExactly(RejectCode.MALFORMED_TRANSACTION, RejectCode.WRONG_CHAIN, null);
      assertThat(c.records()).hasSize(1);
    }
  }

  @Test
  void aRejectedWorkOrderWritesNothing() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      f.apply(
          LedgerFixture.work(ALICE, "p1", "kv", "{\"op\":\"put\",\"key\":\"k\",\"value\":1}")
              .encoded());
      byte[] before = f.store.head().stateRoot();

      BlockCommit c =
          f.apply(
              LedgerFixture.work(BOB, "p2", "kv", "{\"op\":\"put\",\"key\":\"k\",\"value\":2}")
                  .encoded());

      assertThat(c.outcomes().get(0).code()).isEqualTo(RejectCode.APP_REJECTED);
      assertThat(c.outcomes().get(0).message()).startsWith("not_owner");
      assertThat(c.hasBlock()).isFalse();
      assertThat(c.publicWrites().isEmpty()).isTrue();
      assertThat(f.store.head().stateRoot()).isEqualTo(before);
    }
  }

  @Test
  void laterTransactionsInABlockSeeEarlierWrites() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      Transaction put =
          LedgerFixture.work(ALICE, "p", "kv", "{\"op\":\"put\",\"key\":\"k\",\"value\":\"v\"}");
      Transaction get = LedgerFixture.work(BOB, "g", "kv", "{\"op\":\"get\",\"key\":\"k\"}");
      BlockCommit c = f.apply(put.encoded(), get.encoded());

      TxRecord record = TxRecord.decode(c.records().get(1));
      assertThat(new String(record.output(), StandardCharsets.UTF_8)).contains("\"value\":\"v\"");
    }
  }

  @Test
  void unknownAppsAndPayloadsSealedToAnotherKeyAreRefused() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      byte[] strangerKey = X25519KeyPair.generate(new SecureRandom()).publicKey();
      byte[] box =
          SealedBox.seal(
              strangerKey,
              Transaction.payloadInfo(LedgerFixture.CHAIN),
              Transaction.payloadAad(ALICE.publicKeyCompressed(), "s"),
              LedgerFixture.utf8("secret"),
              new SecureRandom());
      Transaction sealed =
          Transaction.sign(
              new Transaction.Unsigned(
                  LedgerFixture.CHAIN, TxKind.DATA, "s", "", new byte[0], true, box, new byte[0]),
              ALICE);
      BlockCommit c =
          f.apply(sealed.encoded(), LedgerFixture.work(ALICE, "u", "nope", "{}").encoded());
      assertThat(c.outcomes())
          .extracting(TxOutcome::code)
          .containsExactly(RejectCode.SEALED_FOR_ANOTHER_KEY, RejectCode.UNKNOWN_APP);
    }
  }

  @Test
  void aSealedWorkOrderRecordsOnlyTheSealedResultAndItsHash() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      X25519KeyPair reply = X25519KeyPair.generate(new SecureRandom());
      String input = "{\"op\":\"put\",\"key\":\"salary\",\"value\":123456}";
      Transaction tx = f.sealedWork(ALICE, "s1", "kv", input, reply.publicKey());
      BlockCommit c = f.apply(tx.encoded());

      TxRecord record = TxRecord.decode(c.records().get(0));
      assertThat(record.outputSealed()).isTrue();
      byte[] plain =
          SealedBox.open(
              reply,
              Transaction.resultInfo(LedgerFixture.CHAIN),
              tx.id().getBytes(StandardCharsets.US_ASCII),
              record.output());
      assertThat(Hashes.sha256(plain)).isEqualTo(record.outputHash());
      assertThat(indexOf(c.records().get(0), LedgerFixture.utf8("123456"))).isEqualTo(-1);
      assertThat(c.sealedPrivateWrites().isEmpty()).isFalse();
      for (var e : c.sealedPrivateWrites().entries().entrySet()) {
        assertThat(indexOf(e.getValue(), LedgerFixture.utf8("123456"))).isEqualTo(-1);
      }
    }
  }

  @Test
  void replayingTheLedgerGivesTheSameBlocksAndState() throws Exception {
    byte[][] batch1 = {
      LedgerFixture.work(ALICE, "1", "kv", "{\"op\":\"put\",\"key\":\"a\",\"value\":1}").encoded(),
      LedgerFixture.data(BOB, "2", "x").encoded()
    };
    byte[][] batch2 = {
      LedgerFixture.work(BOB, "3", "kv", "{\"op\":\"put\",\"key\":\"b\",\"value\":2}").encoded(),
      LedgerFixture.work(ALICE, "4", "kv", "{\"op\":\"delete\",\"key\":\"a\"}").encoded()
    };
    byte[] root1;
    byte[] hash1;
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("one"))) {
      f.apply(batch1);
      f.apply(batch2);
      root1 = f.store.head().stateRoot();
      hash1 = f.store.head().hash();
    }
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("two"))) {
      f.apply(batch1);
      f.apply(batch2);
      assertThat(f.store.head().stateRoot()).isEqualTo(root1);
      assertThat(f.store.head().hash()).isEqualTo(hash1);
    }
  }

  @Test
  void blockTimeNeverGoesBackwards() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      BlockCommit first =
          f.machine.apply(
              new io.txnchain.ledger.machine.Batch(
                  5000, java.util.List.of(LedgerFixture.data(ALICE, "t1", "a").encoded())));
      f.store.commit(first);
      BlockCommit second =
          f.machine.apply(
              new io.txnchain.ledger.machine.Batch(
                  1000, java.util.List.of(LedgerFixture.data(ALICE, "t2", "b").encoded())));
      assertThat(second.header().timeMillis()).isEqualTo(5000);
      assertThat(second.header().prevHash()).isEqualTo(first.header().hash());
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
