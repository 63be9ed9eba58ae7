package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** RFC 5869 Appendix A, test cases 1-3 (HMAC-SHA256). */
class HkdfTest {
  private static byte[] range(int from, int toInclusive) {
    byte[] out = new byte[toInclusive - from + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }

  private static byte[] repeat(int value, int n) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) value);
    return out;
  }

  private static void check(byte[] ikm, byte[] salt, byte[] info, int l, String prk, String okm) {
    byte[] actualPrk = Hkdf.extract(salt, ikm);
    assertThat(Hex.toHexString(actualPrk)).isEqualTo(prk);
    assertThat(Hex.toHexString(Hkdf.expand(actualPrk, info, l))).isEqualTo(okm);
    assertThat(Hex.toHexString(Hkdf.derive(salt, ikm, info, l))).isEqualTo(okm);
  }

  @Test
  void testCase1BasicSha256() {
    check(
        repeat(0x0b, 22),
        range(0x00, 0x0c),
        range(0xf0, 0xf9),
        42,
        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void testCase2LongerInputsAndOutputs() {
    check(
        range(0x00, 0x4f),
        range(0x60, 0xaf),
        range(0xb0, 0xff),
        82,
        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }

  @Test
  void testCase3ZeroLengthSaltAndInfo() {
    check(
        repeat(0x0b, 22),
        new byte[0],
        new byte[0],
        42,
        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void nullSaltAndInfoMeanEmpty() {
    byte[] ikm = repeat(0x0b, 22);
    assertThat(Hkdf.derive(null, ikm, null, 42))
        .isEqualTo(Hkdf.derive(new byte[0], ikm, new byte[0], 42));
  }

  @Test
  void rejectsBadLengths() {
    byte[] prk = new byte[32];
    assertThatThrownBy(() -> Hkdf.expand(prk, null, 255 * 32 + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8160");
    assertThatThrownBy(() -> Hkdf.expand(prk, null, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hkdf.expand(new byte[31], null, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
    assertThat(Hkdf.expand(prk, null, 255 * 32)).hasSize(255 * 32);
    assertThat(Hkdf.expand(prk, null, 0)).isEmpty();
  }
}
