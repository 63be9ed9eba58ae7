package io.txnchain.governance.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.ledger.machine.AppRegistry;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.ledger.machine.TxOutcome;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.tee.sim.SimEnclave;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node directory through the real state machine: who may register what. */
class NodeDirectoryAppTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();
  private final Secp256k1KeyPair network = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair stranger = Secp256k1KeyPair.generate(RANDOM);
  private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate(RANDOM);
  private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate(RANDOM);
  private static final String CHAIN = "directory-test";
  private int counter;
  private long time = 1_700_000_000_000L;
  @TempDir Path dir;

  private byte[] tx(Secp256k1KeyPair sender, byte[] input) {
    return Transaction.sign(
            new Transaction.Unsigned(
                CHAIN,
                TxKind.WORK_ORDER,
                "d" + counter++,
                NodeDirectoryApp.NAME,
                new byte[0],
                false,
                input,
                new byte[0]),
            sender)
        .encoded();
  }

  private static NodeDirectoryApp.Entry entry(
      Ed25519KeyPair key, String id, String raft, String url) {
    String k = HEX.formatHex(key.publicKey());
    byte[] sig = key.sign(NodeDirectoryApp.signedMessage(id, raft, url, k));
    return new NodeDirectoryApp.Entry(id, raft, url, k, HEX.formatHex(sig));
  }

  private LedgerStore store;
  private LedgerStateMachine machine;

  private String outcome(Secp256k1KeyPair sender, NodeDirectoryApp.Entry e) throws Exception {
    time += 1000;
    BlockCommit c = machine.apply(new Batch(time, List.of(tx(sender, e.encode()))));
    store.commit(c);
    TxOutcome o = c.outcomes().get(0);
    return o.isRecorded() ? "recorded" : o.message();
  }

  @Test
  void bindsAMemberIdToOneIdentityKeyAndLetsItsAddressesChange() throws Exception {
    NodeDirectoryApp app = new NodeDirectoryApp();
    app.authorize(network.address().toChecksumHex());
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    SimEnclave enclave =
        SimEnclave.openOrCreate(
            dir.resolve("enclave"), SimPlatform.of(seed, seed), new byte[32], new SecureRandom());
    store = LedgerStore.open(dir.resolve("ledger"), CHAIN);
    try {
      machine =
          new LedgerStateMachine(
              enclave,
              CHAIN,
              AppRegistry.of(List.of(app)),
              store,
              store.head(),
              1 << 20,
              Runnable::run);
      var a = entry(nodeA, "node-3", "127.0.0.1:9083", "http://127.0.0.1:8083");
      assertThat(outcome(stranger, a)).contains("not_a_node");
      assertThat(outcome(network, a)).isEqualTo("recorded");
      assertThat(outcome(network, a)).contains("unchanged");

      // Another enclave cannot take the id, nor can one enclave run two ids.
      assertThat(outcome(network, entry(nodeB, "node-3", "127.0.0.1:9084", "http://x:1")))
          .contains("member_id_taken");
      assertThat(outcome(network, entry(nodeA, "node-4", "127.0.0.1:9084", "http://x:1")))
          .contains("identity_registered");

      // A signature by one key over an entry naming another key, or over other fields, fails.
      var forged =
          new NodeDirectoryApp.Entry(
              "node-5",
              "127.0.0.1:9085",
              "http://127.0.0.1:8085",
              HEX.formatHex(nodeB.publicKey()),
              entry(nodeA, "node-5", "127.0.0.1:9085", "http://127.0.0.1:8085").signature());
      assertThat(outcome(network, forged)).contains("bad_signature");
      var moved = entry(nodeA, "node-3", "10.0.0.7:9083", "http://10.0.0.7:8083");
      var tampered =
          new NodeDirectoryApp.Entry(
              "node-3", "10.0.0.8:9083", moved.apiUrl(), moved.identityKey(), moved.signature());
      assertThat(outcome(network, tampered)).contains("bad_signature");
      assertThat(outcome(network, entry(nodeA, "node 3", "h:1", "http://h:2")))
          .contains("memberId");
      assertThat(outcome(network, entry(nodeA, "node-3", "no-port", "http://h:2")))
          .contains("raftAddress");
      assertThat(outcome(network, entry(nodeA, "node-3", "h:1", "ftp://h:2"))).contains("apiUrl");

      assertThat(outcome(network, moved)).isEqualTo("recorded");
      assertThat(outcome(network, entry(nodeB, "node-4", "127.0.0.1:9084", "http://b:1")))
          .isEqualTo("recorded");

      var directory = NodeDirectoryApp.read(store);
      assertThat(directory).containsOnlyKeys("node-3", "node-4");
      assertThat(directory.get("node-3").sameAs(moved)).isTrue();
      assertThat(directory.get("node-4").identityKey()).isEqualTo(HEX.formatHex(nodeB.publicKey()));
    } finally {
      store.close();
    }
  }
}
