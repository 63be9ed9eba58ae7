package io.txnchain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.Ed25519KeyPair;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.witness.WitnessApp;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header signatures through the real state machine: who may record them, and what is checked. */
class WitnessAppTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Secp256k1KeyPair network = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair stranger = Secp256k1KeyPair.generate(RANDOM);
  @TempDir Path dir;

  private static byte[] witness(Secp256k1KeyPair sender, String clientId, byte[] input) {
    return Transaction.sign(
            new Transaction.Unsigned(
                LedgerFixture.CHAIN,
                TxKind.WORK_ORDER,
                clientId,
                WitnessApp.NAME,
                new byte[0],
                false,
                input,
                new byte[0]),
            sender)
        .encoded();
  }

  @Test
  void recordsAValidSignatureOnceAndRefusesEverythingElse() throws Exception {
    WitnessApp app = new WitnessApp(network.address().toChecksumHex());
    try (LedgerFixture f = new LedgerFixture(dir, dir.resolve("ledger"), List.of(app))) {
      BlockCommit first = f.apply(LedgerFixture.data(stranger, "d1", "hello").encoded());
      BlockHeader header = first.header();
      Ed25519KeyPair node = Ed25519KeyPair.generate(RANDOM);
      byte[] sig = node.sign(header.signingMessage());
      byte[] good = new WitnessApp.Signature(1, header.hash(), node.publicKey(), sig).encode();

      BlockCommit c = f.apply(witness(stranger, "s1", good));
      assertThat(c.outcomes().get(0).message()).contains("not_a_node");

      byte[] forged = good.clone();
      forged[10] ^= 1; // another header hash under the same signature
      assertThat(f.apply(witness(network, "w0", forged)).outcomes().get(0).message())
          .contains("bad_signature");
      assertThat(
              f.apply(witness(network, "w1", java.util.Arrays.copyOf(good, 50)))
                  .outcomes()
                  .get(0)
                  .message())
          .contains("malformed_input");
      byte[] future = new WitnessApp.Signature(99, header.hash(), node.publicKey(), sig).encode();
      assertThat(f.apply(witness(network, "w2", future)).outcomes().get(0).message())
          .contains("invalid_height");

      BlockCommit recorded = f.apply(witness(network, "w3", good));
      assertThat(recorded.outcomes().get(0).isRecorded()).isTrue();
      assertThat(recorded.publicWrites().entries()).hasSize(1);
      assertThat(f.apply(witness(network, "w4", good)).outcomes().get(0).message())
          .contains("already_signed");
    }
  }
}
