package io.txnchain.tee.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.tee.Enclave;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger secret split k-of-n among members, and rebuilt in a fresh enclave from k shares. */
class RecoveryTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] MEASUREMENT = new byte[32];
  private final List<X25519KeyPair> members =
      List.of(
          X25519KeyPair.generate(RANDOM),
          X25519KeyPair.generate(RANDOM),
          X25519KeyPair.generate(RANDOM));
  @TempDir Path dir;

  private SimEnclave enclave(String name) {
    return SimEnclave.openOrCreate(
        dir.resolve(name),
        SimPlatform.loadOrCreate(dir.resolve(name + "-platform"), RANDOM),
        MEASUREMENT,
        RANDOM);
  }

  private List<byte[]> split(SimEnclave source, int threshold) {
    return source.splitNetworkKeys(
        members.stream().map(X25519KeyPair::publicKey).toList(), threshold);
  }

  /** What a member's tool does: open its share and seal it to the recovering enclave. */
  private static byte[] transfer(X25519KeyPair member, byte[] sealedShare, Enclave target)
      throws Exception {
    byte[] share =
        SealedBox.open(member, Enclave.RECOVERY_SHARE_INFO, member.publicKey(), sealedShare);
    return SealedBox.seal(
        target.joinKeys().encryptionKey(),
        Enclave.RECOVERY_TRANSFER_INFO,
        target.joinKeys().identityKey(),
        share,
        RANDOM);
  }

  private static byte[] secret(Enclave e) {
    return e.deriveNetworkSecret("probe", "ctx".getBytes(StandardCharsets.UTF_8), 32);
  }

  @Test
  void anyTwoOfThreeSharesRestoreTheNetworkKeysInAFreshEnclave() throws Exception {
    SimEnclave source = enclave("source");
    List<byte[]> shares = split(source, 2);
    int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
    for (int[] pair : pairs) {
      SimEnclave fresh = enclave("fresh-" + pair[0] + pair[1]);
      assertThat(fresh.keys().encryptionKey()).isNotEqualTo(source.keys().encryptionKey());
      List<byte[]> transferred = new ArrayList<>();
      for (int i : pair) {
        transferred.add(transfer(members.get(i), shares.get(i), fresh));
      }
      fresh.recoverNetworkKeys(transferred, source.keys().encryptionKey());
      assertThat(fresh.keys().encryptionKey()).isEqualTo(source.keys().encryptionKey());
      assertThat(secret(fresh)).isEqualTo(secret(source));
      assertThat(fresh.keys().identityKey()).isNotEqualTo(source.keys().identityKey());
    }
  }

  @Test
  void oneShareShortOrSharesFromDifferentSplitsAreRefused() throws Exception {
    SimEnclave source = enclave("source");
    List<byte[]> first = split(source, 2);
    List<byte[]> second = split(source, 2);
    SimEnclave fresh = enclave("fresh");
    byte[] before = secret(fresh);

    List<byte[]> one = List.of(transfer(members.get(0), first.get(0), fresh));
    assertThatThrownBy(() -> fresh.recoverNetworkKeys(one, source.keys().encryptionKey()))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("do not combine");

    List<byte[]> mixed =
        List.of(
            transfer(members.get(0), first.get(0), fresh),
            transfer(members.get(1), second.get(1), fresh));
    assertThatThrownBy(() -> fresh.recoverNetworkKeys(mixed, source.keys().encryptionKey()))
        .isInstanceOf(CryptoException.class);
    assertThat(secret(fresh)).isEqualTo(before);
  }

  @Test
  void aShareOpensOnlyForItsMember() {
    SimEnclave source = enclave("source");
    List<byte[]> shares = split(source, 2);
    assertThatThrownBy(
            () ->
                SealedBox.open(
                    members.get(1),
                    Enclave.RECOVERY_SHARE_INFO,
                    members.get(1).publicKey(),
                    shares.get(0)))
        .isNotNull();
    assertThat(Arrays.equals(shares.get(0), shares.get(1))).isFalse();
  }
}
