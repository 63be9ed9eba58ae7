package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** RFC 7748 §5.2 and §6.1 vectors, and RFC 9180 A.1.1 DeriveKeyPair. */
class X25519Test {
  private static byte[] x25519(String scalar, String u) throws CryptoException {
    return X25519KeyPair.fromPrivateKey(Hex.decode(scalar)).agree(Hex.decode(u));
  }

  @Test
  void rfc7748ScalarMultiplicationVectors() throws CryptoException {
    assertThat(
            Hex.toHexString(
                x25519(
                    "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                    "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")))
        .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    // The u-coordinate has its top bit set, which implementations must ignore.
    assertThat(
            Hex.toHexString(
                x25519(
                    "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                    "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")))
        .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
  }

  @Test
  void rfc7748IteratedVectors() throws CryptoException {
    byte[] k = new byte[32];
    k[0] = 9;
    byte[] u = k.clone();
    for (int i = 1; i <= 1000; i++) {
      byte[] next = X25519KeyPair.fromPrivateKey(k).agree(u);
      u = k;
      k = next;
      if (i == 1) {
        assertThat(Hex.toHexString(k))
            .isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
      }
    }
    assertThat(Hex.toHexString(k))
        .isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
  }

  @Test
  void rfc7748DiffieHellmanVector() throws CryptoException {
    X25519KeyPair alice =
        X25519KeyPair.fromPrivateKey(
            Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    X25519KeyPair bob =
        X25519KeyPair.fromPrivateKey(
            Hex.decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    assertThat(Hex.toHexString(alice.publicKey()))
        .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assertThat(Hex.toHexString(bob.publicKey()))
        .isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertThat(Hex.toHexString(alice.agree(bob.publicKey()))).isEqualTo(shared);
    assertThat(Hex.toHexString(bob.agree(alice.publicKey()))).isEqualTo(shared);
  }

  @Test
  void deriveMatchesRfc9180DeriveKeyPair() {
    X25519KeyPair ephemeral =
        X25519KeyPair.derive(
            Hex.decode("7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234"));
    assertThat(Hex.toHexString(ephemeral.privateKey()))
        .isEqualTo("52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736");
    assertThat(Hex.toHexString(ephemeral.publicKey()))
        .isEqualTo("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431");
    X25519KeyPair recipient =
        X25519KeyPair.derive(
            Hex.decode("6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037"));
    assertThat(Hex.toHexString(recipient.privateKey()))
        .isEqualTo("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8");
    assertThat(Hex.toHexString(recipient.publicKey()))
        .isEqualTo("3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d");
  }

  @Test
  void lowOrderPeerKeyIsRejected() {
    X25519KeyPair pair = X25519KeyPair.generate(new SecureRandom());
    assertThatThrownBy(() -> pair.agree(new byte[32]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("low-order");
    byte[] one = new byte[32];
    one[0] = 1;
    assertThatThrownBy(() -> pair.agree(one)).isInstanceOf(CryptoException.class);
  }

  @Test
  void rejectsBadLengths() {
    assertThatThrownBy(() -> X25519KeyPair.fromPrivateKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 31");
    assertThatThrownBy(() -> X25519KeyPair.derive(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    X25519KeyPair pair = X25519KeyPair.generate(new SecureRandom());
    assertThatThrownBy(() -> pair.agree(new byte[33])).isInstanceOf(CryptoException.class);
  }
}
