package io.txnchain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.BatchCodec;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.RejectCode;
import io.txnchain.ledger.machine.TxOutcome;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.LedgerStoreException;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStoreTest {
  private static final Secp256k1KeyPair KEY = Secp256k1KeyPair.fromPrivateKey(one());
  @TempDir Path dir;

  private static byte[] one() {
    byte[] k = new byte[32];
    k[31] = 9;
    return k;
  }

  @Test
  void headRecordsAndAppliedPositionSurviveReopening() throws Exception {
    Transaction tx = LedgerFixture.data(KEY, "a", "x");
    byte[] hash;
    try (LedgerFixture f = new LedgerFixture(dir)) {
      BlockCommit c = f.machine.apply(new Batch(10, List.of(tx.encoded())));
      f.store.commit(c, 7, 2);
      BlockCommit empty = f.machine.apply(new Batch(11, List.of(tx.encoded())));
      f.store.commit(empty, 8, 2);
      hash = f.store.head().hash();
    }
    try (LedgerStore store = LedgerStore.open(dir.resolve("ledger"), LedgerFixture.CHAIN)) {
      assertThat(store.head().height()).isEqualTo(1);
      assertThat(store.head().hash()).isEqualTo(hash);
      assertThat(store.applied()).containsExactly(8, 2);
      assertThat(store.locate(tx.id())).isPresent();
      assertThat(store.records(1)).hasSize(1);
    }
  }

  @Test
  void refusesAnotherChainsDirectoryAndOutOfOrderBlocks() throws Exception {
    try (LedgerFixture f = new LedgerFixture(dir)) {
      BlockCommit c =
          f.machine.apply(new Batch(10, List.of(LedgerFixture.data(KEY, "b", "y").encoded())));
      f.store.commit(c);
      assertThatThrownBy(() -> f.store.commit(c))
          .isInstanceOf(LedgerStoreException.class)
          .hasMessageContaining("does not follow");
    }
    assertThatThrownBy(() -> LedgerStore.open(dir.resolve("ledger"), "other-chain"))
        .isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("belongs to chain");
  }

  @Test
  void aCheckpointOpensAsTheSameLedger() throws Exception {
    Path copy = dir.resolve("copy");
    byte[] root;
    try (LedgerFixture f = new LedgerFixture(dir)) {
      f.apply(
          LedgerFixture.work(KEY, "k", "kv", "{\"op\":\"put\",\"key\":\"a\",\"value\":1}")
              .encoded());
      root = f.store.head().stateRoot();
      f.store.checkpoint(copy);
    }
    try (LedgerStore store = LedgerStore.open(copy, LedgerFixture.CHAIN)) {
      assertThat(store.head().stateRoot()).isEqualTo(root);
    }
  }

  @Test
  void aStoreReplacedByAnotherReplicasCheckpointContinuesFromIt() throws Exception {
    Path copy = dir.resolve("copy");
    byte[] hash;
    Transaction put =
        LedgerFixture.work(KEY, "p", "kv", "{\"op\":\"put\",\"key\":\"a\",\"value\":1}");
    try (LedgerFixture ahead = new LedgerFixture(dir, dir.resolve("ahead"))) {
      ahead.apply(put.encoded());
      ahead.apply(LedgerFixture.data(KEY, "d", "x").encoded());
      hash = ahead.store.head().hash();
      ahead.store.checkpoint(copy);
    }
    try (LedgerFixture behind = new LedgerFixture(dir, dir.resolve("behind"))) {
      behind.store.replaceWith(copy);
      behind.machine.resetHead(behind.store.head());
      assertThat(behind.store.head().hash()).isEqualTo(hash);
      assertThat(behind.store.locate(put.id())).isPresent();
      BlockCommit next =
          behind.apply(
              LedgerFixture.work(KEY, "g", "kv", "{\"op\":\"get\",\"key\":\"a\"}").encoded());
      assertThat(next.header().height()).isEqualTo(3);
      assertThat(next.header().prevHash()).isEqualTo(hash);
    }
  }

  @Test
  void batchesAndResultsRoundTripAndBadBytesAreRefused() throws Exception {
    Batch batch = new Batch(42, List.of(new byte[] {1, 2}, new byte[0]));
    Batch back = BatchCodec.decode(BatchCodec.encode(batch));
    assertThat(back.proposedTimeMillis()).isEqualTo(42);
    assertThat(back.transactions()).containsExactly(new byte[] {1, 2}, new byte[0]);

    BatchCodec.Result result =
        new BatchCodec.Result(
            5,
            List.of(
                TxOutcome.recorded("0xab", 0),
                TxOutcome.rejected(null, RejectCode.BAD_SIGNATURE, "nope")));
    assertThat(BatchCodec.decodeResult(BatchCodec.encodeResult(result))).isEqualTo(result);

    byte[] truncated = BatchCodec.encode(batch);
    assertThatThrownBy(
            () -> BatchCodec.decode(java.util.Arrays.copyOf(truncated, truncated.length - 1)))
        .isInstanceOf(WireFormatException.class);
  }
}
