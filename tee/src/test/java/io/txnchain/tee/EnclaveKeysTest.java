package io.txnchain.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnclaveKeysTest {
  private static byte[] bytes(int n, int v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  @Test
  void reportDataIsTheDomainSeparatedHashOfKeysAndNonce() {
    EnclaveKeys keys = new EnclaveKeys(bytes(32, 1), bytes(32, 2));
    byte[] nonce = {7, 8, 9};
    assertThat(keys.reportData(nonce))
        .isEqualTo(
            Hashes.sha256(
                "txnchain/report-data/v1".getBytes(StandardCharsets.US_ASCII),
                bytes(32, 1),
                bytes(32, 2),
                nonce));
  }

  @Test
  void keysAreCopiedAndComparedByValue() {
    byte[] identity = bytes(32, 1);
    EnclaveKeys keys = new EnclaveKeys(identity, bytes(32, 2));
    identity[0] = 9;
    keys.identityKey()[1] = 9;
    assertThat(keys.identityKey()).isEqualTo(bytes(32, 1));
    assertThat(keys).isEqualTo(new EnclaveKeys(bytes(32, 1), bytes(32, 2)));
    assertThat(keys.hashCode()).isEqualTo(new EnclaveKeys(bytes(32, 1), bytes(32, 2)).hashCode());
    assertThat(keys).isNotEqualTo(new EnclaveKeys(bytes(32, 2), bytes(32, 1)));
    assertThat(keys.toString()).contains("0101").contains("0202");
  }

  @Test
  void keysMustBe32Bytes() {
    assertThatThrownBy(() -> new EnclaveKeys(bytes(31, 1), bytes(32, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EnclaveKeys(bytes(32, 1), bytes(33, 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
