package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8032 §7.1 test vectors and rejection of malformed input. */
class Ed25519Test {
  private static final String SHA512_ABC =
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "TEST 1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
        + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
        + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    "TEST 2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
        + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
        + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    "TEST 3, c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
        + " fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
        + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
        + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    "TEST SHA(abc), 833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42,"
        + " ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf, "
        + SHA512_ABC
        + ", dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
        + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
  })
  void rfc8032Vectors(String name, String seed, String publicKey, String message, String sig) {
    Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(Hex.decode(seed));
    byte[] msg = Hex.decode(message);
    assertThat(Hex.toHexString(pair.publicKey())).isEqualTo(publicKey);
    assertThat(Hex.toHexString(pair.seed())).isEqualTo(seed);
    assertThat(Hex.toHexString(pair.sign(msg))).isEqualTo(sig);
    assertThat(Ed25519.verify(Hex.decode(publicKey), msg, Hex.decode(sig))).isTrue();
  }

  @Test
  void verifyRejectsTamperingAndWrongKeys() {
    Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
    Ed25519KeyPair other = Ed25519KeyPair.generate(new SecureRandom());
    byte[] msg = "ledger entry".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] sig = pair.sign(msg);
    assertThat(Ed25519.verify(pair.publicKey(), msg, sig)).isTrue();

    for (int bit = 0; bit < 512; bit += 37) {
      byte[] flipped = sig.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(Ed25519.verify(pair.publicKey(), msg, flipped)).as("bit %d", bit).isFalse();
    }
    byte[] otherMsg = msg.clone();
    otherMsg[0] ^= 1;
    assertThat(Ed25519.verify(pair.publicKey(), otherMsg, sig)).isFalse();
    assertThat(Ed25519.verify(other.publicKey(), msg, sig)).isFalse();
  }

  @Test
  void verifyReturnsFalseOnMalformedInput() {
    Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
    byte[] msg = {1, 2, 3};
    byte[] sig = pair.sign(msg);
    assertThat(Ed25519.verify(pair.publicKey(), msg, Arrays.copyOf(sig, 63))).isFalse();
    assertThat(Ed25519.verify(pair.publicKey(), msg, Arrays.copyOf(sig, 65))).isFalse();
    assertThat(Ed25519.verify(Arrays.copyOf(pair.publicKey(), 31), msg, sig)).isFalse();
    assertThat(Ed25519.verify(Arrays.copyOf(pair.publicKey(), 33), msg, sig)).isFalse();
    assertThat(Ed25519.verify(null, msg, sig)).isFalse();
    assertThat(Ed25519.verify(pair.publicKey(), null, sig)).isFalse();
    assertThat(Ed25519.verify(pair.publicKey(), msg, null)).isFalse();
    // y = 2 does not decode to a curve point.
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2;
    assertThat(Ed25519.verify(notAPoint, msg, sig)).isFalse();
  }

  @Test
  void verifyRejectsMalleatedScalar() {
    // S + L verifies under the group law but RFC 8032 requires S < L.
    BigInteger order =
        BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
    Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
    byte[] msg = {7};
    byte[] sig = pair.sign(msg);
    byte[] sLittleEndian = Arrays.copyOfRange(sig, 32, 64);
    BigInteger s = new BigInteger(1, reverse(sLittleEndian));
    byte[] malleated = reverse(toFixed32(s.add(order)));
    byte[] forged = sig.clone();
    System.arraycopy(malleated, 0, forged, 32, 32);
    assertThat(Ed25519.verify(pair.publicKey(), msg, forged)).isFalse();
  }

  @Test
  void keysAreCopiedAndSeedLengthIsChecked() {
    Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
    pair.publicKey()[0] ^= 1;
    pair.seed()[0] ^= 1;
    assertThat(pair.seed()).isEqualTo(new byte[32]);
    assertThat(Ed25519.verify(pair.publicKey(), new byte[0], pair.sign(new byte[0]))).isTrue();
    assertThatThrownBy(() -> Ed25519KeyPair.fromSeed(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 31");
    assertThat(pair.toString()).doesNotContain(Hex.toHexString(pair.seed()));
  }

  private static byte[] reverse(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[in.length - 1 - i];
    }
    return out;
  }

  private static byte[] toFixed32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
