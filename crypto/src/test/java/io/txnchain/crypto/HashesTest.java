package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class HashesTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void sha256MatchesFips180Vectors() {
    assertThat(Hex.toHexString(Hashes.sha256(ascii("abc"))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(
            Hex.toHexString(
                Hashes.sha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    assertThat(Hex.toHexString(Hashes.sha256()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void sha256HashesTheConcatenationOfParts() {
    assertThat(Hashes.sha256(ascii("a"), new byte[0], ascii("bc")))
        .isEqualTo(Hashes.sha256(ascii("abc")));
  }

  @Test
  void keccak256MatchesEthereumVectors() {
    assertThat(Hex.toHexString(Hashes.keccak256(new byte[0])))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(Hex.toHexString(Hashes.keccak256(ascii("abc"))))
        .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    assertThat(Hashes.keccak256(ascii("ab"), ascii("c"))).isEqualTo(Hashes.keccak256(ascii("abc")));
  }

  @Test
  void keccak256IsNotSha3() {
    // SHA3-256("") from FIPS 202; Keccak-256 uses the pre-standard padding.
    assertThat(Hex.toHexString(Hashes.keccak256()))
        .isNotEqualTo("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
  }

  @Test
  void nullPartIsRejected() {
    assertThatThrownBy(() -> Hashes.sha256(new byte[1], null))
        .isInstanceOf(NullPointerException.class);
  }
}
