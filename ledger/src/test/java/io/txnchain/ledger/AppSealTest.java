package io.txnchain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.RejectCode;
import io.txnchain.ledger.sealapp.SealingApp;
import io.txnchain.wire.block.Event;
import io.txnchain.wire.block.TxRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AppContext.sealTo}: boxes only the recipient opens, the same bytes on every replica. */
class AppSealTest {
  @TempDir Path dir;

  private final X25519KeyPair owner = X25519KeyPair.generate(new SecureRandom());
  private final Secp256k1KeyPair sender = Secp256k1KeyPair.generate(new SecureRandom());

  private static List<Event> events(BlockCommit c) throws Exception {
    return TxRecord.decode(c.records().get(0)).events();
  }

  @Test
  void sealsToTheRecipientAndEveryReplicaWritesTheSameBytes() throws Exception {
    byte[] tx =
        LedgerFixture.work(
                sender, "s1", "sealing", Hex.toHexString(owner.publicKey()) + "\nfirst\nsecond")
            .encoded();
    List<Event> here;
    List<Event> there;
    // Two replicas: separate ledgers, the same network keys (one enclave directory).
    try (LedgerFixture a =
        new LedgerFixture(dir, dir.resolve("ledger-a"), List.of(new SealingApp()))) {
      here = events(a.apply(tx));
    }
    try (LedgerFixture b =
        new LedgerFixture(dir, dir.resolve("ledger-b"), List.of(new SealingApp()))) {
      there = events(b.apply(tx));
    }

    assertThat(here).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(there.get(i).data()).isEqualTo(here.get(i).data());
    }
    assertThat(open(here.get(0).data())).isEqualTo("first");
    assertThat(open(here.get(1).data())).isEqualTo("second");
    // Two boxes to one key in one transaction: different ephemeral keys (bytes 9..40).
    assertThat(Arrays.copyOfRange(here.get(0).data(), 9, 41))
        .isNotEqualTo(Arrays.copyOfRange(here.get(1).data(), 9, 41));
    // Nobody else opens it.
    X25519KeyPair other = X25519KeyPair.generate(new SecureRandom());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SealedBox.open(other, SealingApp.INFO, SealingApp.AAD, here.get(0).data()))
        .isInstanceOf(io.txnchain.crypto.seal.SealedBoxException.class);
  }

  @Test
  void aLowOrderKeyRefusesTheInputAndTheLedgerGoesOn() throws Exception {
    try (LedgerFixture f =
        new LedgerFixture(dir, dir.resolve("ledger"), List.of(new SealingApp()))) {
      // The all-zero point is of low order: no shared secret.
      var refused =
          f.apply(
              LedgerFixture.work(sender, "z", "sealing", "00".repeat(32) + "\nsecret").encoded());
      assertThat(refused.outcomes().get(0).code()).isEqualTo(RejectCode.APP_REJECTED);
      assertThat(refused.outcomes().get(0).message()).doesNotContain("secret");

      var ok =
          f.apply(
              LedgerFixture.work(
                      sender, "ok", "sealing", Hex.toHexString(owner.publicKey()) + "\nfine")
                  .encoded());
      assertThat(open(events(ok).get(0).data())).isEqualTo("fine");
    }
  }

  private String open(byte[] box) throws Exception {
    return new String(
        SealedBox.open(owner, SealingApp.INFO, SealingApp.AAD, box), StandardCharsets.UTF_8);
  }
}
