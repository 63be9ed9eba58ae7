package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** libsecp256k1 and BouncyCastle must agree on every answer; the public API uses either. */
class NativeSecp256k1Test {

  @Test
  void theNativeLibraryLoadsOnLinuxX86() {
    assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
    assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
    assertThat(NativeSecp256k1.available()).isTrue();
  }

  @Test
  void nativeAndBouncyCastleAgree() throws Exception {
    assumeThat(NativeSecp256k1.available()).isTrue();
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] priv = new byte[32];
      random.nextBytes(priv);
      priv[0] &= 0x7f;
      Secp256k1KeyPair key = Secp256k1KeyPair.fromPrivateKey(priv);
      byte[] digest = new byte[32];
      random.nextBytes(digest);

      EcdsaSignature sig = key.sign(digest);
      EcdsaSignature bc = key.signWithBouncyCastle(digest);
      assertThat(sig.toBytes65()).isEqualTo(bc.toBytes65());

      assertThat(Secp256k1.recoverPublicKey(digest, sig))
          .isEqualTo(Secp256k1.recoverWithBouncyCastle(digest, sig))
          .isEqualTo(key.publicKeyUncompressed());
      assertThat(Secp256k1.verify(key.publicKeyCompressed(), digest, sig)).isTrue();
      assertThat(Secp256k1.verifyWithBouncyCastle(key.publicKeyCompressed(), digest, sig)).isTrue();

      byte[] other = digest.clone();
      other[i % 32] ^= 1;
      assertThat(Secp256k1.verify(key.publicKeyCompressed(), other, sig)).isFalse();
      assertThat(Secp256k1.verifyWithBouncyCastle(key.publicKeyCompressed(), other, sig)).isFalse();
      assertThat(Secp256k1.recoverPublicKey(other, sig))
          .isEqualTo(Secp256k1.recoverWithBouncyCastle(other, sig))
          .isNotEqualTo(key.publicKeyUncompressed());
    }
  }
}
