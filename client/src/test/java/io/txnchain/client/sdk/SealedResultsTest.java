package io.txnchain.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.client.testing.TestEnclave;
import io.txnchain.crypto.Hashes;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SealedResultsTest {
  private final SecureRandom random = new SecureRandom();
  private final TestEnclave enclave = new TestEnclave(random);
  private final UserKey user = UserKey.generate(random);
  private final byte[] result = "{\"total\":42}".getBytes(StandardCharsets.UTF_8);
  private final Transaction tx =
      Transactions.workOrder(
          "chain-1",
          "c-1",
          "analytics",
          new byte[32],
          new byte[] {1},
          true,
          user.replyKey().publicKey(),
          user.keyPair());

  @Test
  void opensAResultSealedToTheUsersReplyKey() {
    byte[] box = enclave.sealResult(tx, result);

    assertThat(SealedResults.open(user, "chain-1", tx.id(), box, Hashes.sha256(result)))
        .isEqualTo(result);
  }

  @Test
  void detectsATamperedBox() {
    byte[] box = enclave.sealResult(tx, result);
    box[box.length - 3] ^= 1;

    assertThatThrownBy(
            () -> SealedResults.open(user, "chain-1", tx.id(), box, Hashes.sha256(result)))
        .isInstanceOf(SealedResultException.class)
        .hasMessageContaining("does not open")
        .matches(e -> !((SealedResultException) e).wrongRecipient());
  }

  @Test
  void detectsAResultMovedFromAnotherTransactionOrChain() {
    byte[] box = enclave.sealResult(tx, result);

    assertThatThrownBy(
            () -> SealedResults.open(user, "chain-1", "0xother", box, Hashes.sha256(result)))
        .isInstanceOf(SealedResultException.class);
    assertThatThrownBy(
            () -> SealedResults.open(user, "chain-2", tx.id(), box, Hashes.sha256(result)))
        .isInstanceOf(SealedResultException.class);
  }

  @Test
  void detectsAPlaintextThatDiffersFromTheRecordedHash() {
    byte[] box = enclave.sealResult(tx, result);
    byte[] otherHash = Hashes.sha256("{\"total\":43}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> SealedResults.open(user, "chain-1", tx.id(), box, otherHash))
        .isInstanceOf(SealedResultException.class)
        .hasMessageContaining("outputSha256");
  }

  @Test
  void tellsAnotherRecipientApartFromTampering() {
    byte[] box = enclave.sealResult(tx, result);
    UserKey stranger = UserKey.generate(random);

    assertThatThrownBy(
            () -> SealedResults.open(stranger, "chain-1", tx.id(), box, Hashes.sha256(result)))
        .isInstanceOf(SealedResultException.class)
        .matches(e -> ((SealedResultException) e).wrongRecipient());
  }
}
