package io.txnchain.wire.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.Hashes;
import io.txnchain.wire.codec.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockHeaderTest {

  static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  static BlockHeader sample() {
    return new BlockHeader(
        1, "chain-1", 42, filled(32, 1), filled(32, 2), filled(32, 3), 7, 1_700_000_000_000L);
  }

  @Test
  void roundTripsEveryField() throws Exception {
    BlockHeader h = sample();
    byte[] encoded = h.encode();
    assertThat(encoded).hasSize(1 + 4 + 7 + 8 + 32 * 3 + 8 + 8);
    BlockHeader back = BlockHeader.decode(encoded);
    assertThat(back.version()).isEqualTo(1);
    assertThat(back.chainId()).isEqualTo("chain-1");
    assertThat(back.height()).isEqualTo(42);
    assertThat(back.prevHash()).isEqualTo(filled(32, 1));
    assertThat(back.txRoot()).isEqualTo(filled(32, 2));
    assertThat(back.stateRoot()).isEqualTo(filled(32, 3));
    assertThat(back.txCount()).isEqualTo(7);
    assertThat(back.timeMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(back.encode()).isEqualTo(encoded);
    assertThat(back.hash()).isEqualTo(h.hash());
  }

  @Test
  void extremeValuesRoundTrip() throws Exception {
    BlockHeader h =
        new BlockHeader(1, "", Long.MAX_VALUE, filled(32, 0), filled(32, -1), filled(32, 0), 0, -1);
    BlockHeader back = BlockHeader.decode(h.encode());
    assertThat(back.height()).isEqualTo(Long.MAX_VALUE);
    assertThat(back.timeMillis()).isEqualTo(-1);
    assertThat(back.chainId()).isEmpty();
  }

  @Test
  void hashIsSha256OfTheEncodingAndTheSigningMessageIsDomainSeparated() {
    BlockHeader h = sample();
    assertThat(h.hash()).isEqualTo(Hashes.sha256(h.encode()));
    assertThat(h.signingMessage())
        .isEqualTo(
            Hashes.sha256("txnchain/block-header/v1".getBytes(StandardCharsets.US_ASCII), h.hash()))
        .isNotEqualTo(h.hash());
  }

  @Test
  void everyFieldChangesTheHash() {
    BlockHeader h = sample();
    byte[] flipped = filled(32, 1);
    flipped[31] ^= 1;
    List<BlockHeader> variants =
        List.of(
            new BlockHeader(
                1, "chain-2", 42, h.prevHash(), h.txRoot(), h.stateRoot(), 7, h.timeMillis()),
            new BlockHeader(
                1, "chain-1", 43, h.prevHash(), h.txRoot(), h.stateRoot(), 7, h.timeMillis()),
            new BlockHeader(
                1, "chain-1", 42, flipped, h.txRoot(), h.stateRoot(), 7, h.timeMillis()),
            new BlockHeader(
                1, "chain-1", 42, h.prevHash(), flipped, h.stateRoot(), 7, h.timeMillis()),
            new BlockHeader(1, "chain-1", 42, h.prevHash(), h.txRoot(), flipped, 7, h.timeMillis()),
            new BlockHeader(
                1, "chain-1", 42, h.prevHash(), h.txRoot(), h.stateRoot(), 8, h.timeMillis()),
            new BlockHeader(1, "chain-1", 42, h.prevHash(), h.txRoot(), h.stateRoot(), 7, 1));
    for (BlockHeader v : variants) {
      assertThat(v.hash()).as(v.toString()).isNotEqualTo(h.hash());
      assertThat(v.signingMessage()).isNotEqualTo(h.signingMessage());
    }
  }

  @Test
  void badVersionsAreRefused() {
    for (int version : new int[] {0, 2, 255}) {
      byte[] encoded = sample().encode();
      encoded[0] = (byte) version;
      assertThatThrownBy(() -> BlockHeader.decode(encoded))
          .isInstanceOf(WireFormatException.class)
          .hasMessage("unsupported block header version " + version);
    }
  }

  @Test
  void badLengthsAreRefused() {
    byte[] encoded = sample().encode();
    for (int length = 0; length < encoded.length; length++) {
      byte[] prefix = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> BlockHeader.decode(prefix))
          .as("length %d", length)
          .isInstanceOf(WireFormatException.class);
    }
    assertThatThrownBy(() -> BlockHeader.decode(Arrays.copyOf(encoded, encoded.length + 1)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("trailing bytes after block header");
    BlockHeader shortHash =
        new BlockHeader(1, "c", 1, filled(31, 1), filled(32, 2), filled(32, 3), 1, 1);
    assertThatThrownBy(() -> BlockHeader.decode(shortHash.encode()))
        .isInstanceOf(WireFormatException.class);
    BlockHeader longChain =
        new BlockHeader(1, "c".repeat(65), 1, filled(32, 1), filled(32, 2), filled(32, 3), 1, 1);
    assertThatThrownBy(() -> BlockHeader.decode(longChain.encode()))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("chainId is longer than 64");
  }
}
