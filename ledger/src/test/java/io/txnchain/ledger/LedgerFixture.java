package io.txnchain.ledger;

import io.txnchain.apps.BuiltInApps;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.ledger.machine.AppRegistry;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.LedgerStoreException;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.tee.sim.SimEnclave;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** A store, a simulated enclave and a state machine in a temporary directory. */
final class LedgerFixture implements AutoCloseable {
  static final String CHAIN = "test-chain";
  static final byte[] MEASUREMENT = new byte[32];

  final SimEnclave enclave;
  final AppRegistry apps;
  final LedgerStore store;
  final LedgerStateMachine machine;
  private long time = 1_700_000_000_000L;

  LedgerFixture(Path dir, Path ledgerDir) throws LedgerStoreException {
    this(dir, ledgerDir, List.of());
  }

  /** With {@code extra} apps hosted beside the built-in ones. */
  LedgerFixture(Path dir, Path ledgerDir, List<EnclaveApp> extra) throws LedgerStoreException {
    List<EnclaveApp> hosted = new java.util.ArrayList<>(BuiltInApps.all(3));
    hosted.addAll(extra);
    apps = AppRegistry.of(hosted);
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    SimPlatform platform = SimPlatform.of(seed, seed);
    enclave =
        SimEnclave.openOrCreate(dir.resolve("enclave"), platform, MEASUREMENT, new SecureRandom());
    store = LedgerStore.open(ledgerDir, CHAIN);
    machine =
        new LedgerStateMachine(enclave, CHAIN, apps, store, store.head(), 1 << 20, Runnable::run);
  }

  LedgerFixture(Path dir) throws LedgerStoreException {
    this(dir, dir.resolve("ledger"));
  }

  BlockCommit apply(byte[]... txs) throws LedgerStoreException {
    time += 1000;
    BlockCommit c = machine.apply(new Batch(time, List.of(txs)));
    store.commit(c);
    return c;
  }

  static Transaction data(Secp256k1KeyPair key, String clientId, String text) {
    return Transaction.sign(
        new Transaction.Unsigned(
            CHAIN, TxKind.DATA, clientId, "", new byte[0], false, utf8(text), new byte[0]),
        key);
  }

  static Transaction work(Secp256k1KeyPair key, String clientId, String app, String input) {
    return Transaction.sign(
        new Transaction.Unsigned(
            CHAIN, TxKind.WORK_ORDER, clientId, app, new byte[0], false, utf8(input), new byte[0]),
        key);
  }

  Transaction sealedWork(
      Secp256k1KeyPair key, String clientId, String app, String input, byte[] replyKey) {
    byte[] box =
        SealedBox.seal(
            enclave.keys().encryptionKey(),
            Transaction.payloadInfo(CHAIN),
            Transaction.payloadAad(key.publicKeyCompressed(), clientId),
            utf8(input),
            new SecureRandom());
    return Transaction.sign(
        new Transaction.Unsigned(
            CHAIN, TxKind.WORK_ORDER, clientId, app, new byte[0], true, box, replyKey),
        key);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    store.close();
  }
}
