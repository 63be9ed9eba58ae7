package io.txnchain.governance;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.app.DexApp;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.ledger.machine.AppRegistry;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.ledger.machine.TxOutcome;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.LedgerStoreException;
import io.txnchain.tee.sim.SimEnclave;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** A real state machine and store hosting governance and the DEX, in a temporary directory. */
final class GovFixture implements AutoCloseable {
  static final String CHAIN = "gov-test";

  final LedgerStore store;
  final LedgerStateMachine machine;
  final GovernanceView view;
  final GovApp gov;
  private long time = 1_700_000_000_000L;
  private int clientIds;

  GovFixture(Path dir, Genesis genesis) throws LedgerStoreException {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 9);
    SimEnclave enclave =
        SimEnclave.openOrCreate(
            dir.resolve("enclave"), SimPlatform.of(seed, seed), new byte[32], new SecureRandom());
    gov = new GovApp(genesis);
    AppRegistry apps = AppRegistry.of(List.of(gov, new DexApp(DexConfig.devNetwork(CHAIN))));
    store = LedgerStore.open(dir.resolve("ledger"), CHAIN);
    machine =
        new LedgerStateMachine(enclave, CHAIN, apps, store, store.head(), 1 << 20, Runnable::run);
    view = new GovernanceView(genesis, store);
  }

  /** Applies one transaction in its own block; returns its record, or its rejection. */
  Result submit(Secp256k1KeyPair key, String app, String json) throws Exception {
    Transaction tx =
        Transaction.sign(
            new Transaction.Unsigned(
                CHAIN,
                TxKind.WORK_ORDER,
                "c" + (++clientIds),
                app,
                new byte[0],
                false,
                json.getBytes(StandardCharsets.UTF_8),
                new byte[0]),
            key);
    time += 1000;
    BlockCommit c = machine.apply(new Batch(time, List.of(tx.encoded())));
    store.commit(c);
    TxOutcome o = c.outcomes().get(0);
    if (!o.isRecorded()) {
      return new Result(null, o.message());
    }
    return new Result(record(c, o), null);
  }

  private static TxRecord record(BlockCommit c, TxOutcome o) throws WireFormatException {
    return TxRecord.decode(c.records().get(o.recordIndex()));
  }

  /** A recorded transaction's record, or why it was rejected. */
  record Result(TxRecord record, String rejection) {
    String output() {
      return new String(record.output(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
