package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** Vectors from McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 14-16. */
class AesGcmTest {
  private static final byte[] KEY =
      Hex.decode("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  private static final byte[] IV = Hex.decode("cafebabefacedbaddecaf888");
  private static final String P15 =
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
          + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
  private static final String C15 =
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
          + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";

  @Test
  void testCase14ZeroKeyOneBlock() throws CryptoException {
    byte[] key = new byte[32];
    byte[] iv = new byte[12];
    byte[] out = AesGcm.encrypt(key, iv, null, new byte[16]);
    assertThat(Hex.toHexString(out))
        .isEqualTo("cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919");
    assertThat(AesGcm.decrypt(key, iv, null, out)).isEqualTo(new byte[16]);
  }

  @Test
  void testCase15NoAad() throws CryptoException {
    byte[] out = AesGcm.encrypt(KEY, IV, new byte[0], Hex.decode(P15));
    assertThat(Hex.toHexString(out)).isEqualTo(C15 + "b094dac5d93471bdec1a502270e3cc6c");
    assertThat(Hex.toHexString(AesGcm.decrypt(KEY, IV, new byte[0], out))).isEqualTo(P15);
  }

  @Test
  void testCase16WithAad() throws CryptoException {
    byte[] aad = Hex.decode("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    String p16 = P15.substring(0, 120);
    byte[] out = AesGcm.encrypt(KEY, IV, aad, Hex.decode(p16));
    assertThat(Hex.toHexString(out))
        .isEqualTo(C15.substring(0, 120) + "76fc6ece0f4e1768cddf8853bb2d551b");
    assertThat(Hex.toHexString(AesGcm.decrypt(KEY, IV, aad, out))).isEqualTo(p16);
  }

  @Test
  void tamperingIsDetected() {
    byte[] aad = {1, 2, 3};
    byte[] out = AesGcm.encrypt(KEY, IV, aad, Hex.decode(P15));
    for (int i : new int[] {0, out.length / 2, out.length - 1}) {
      byte[] tampered = out.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> AesGcm.decrypt(KEY, IV, aad, tampered))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("authentication failed");
    }
    assertThatThrownBy(() -> AesGcm.decrypt(KEY, IV, new byte[] {1, 2, 4}, out))
        .isInstanceOf(CryptoException.class);
    byte[] otherIv = IV.clone();
    otherIv[0] ^= 1;
    assertThatThrownBy(() -> AesGcm.decrypt(KEY, otherIv, aad, out))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> AesGcm.decrypt(KEY, IV, aad, java.util.Arrays.copyOf(out, 15)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("shorter than the 16-byte tag");
  }

  @Test
  void rejectsWrongKeyAndNonceLengths() {
    assertThatThrownBy(() -> AesGcm.encrypt(new byte[16], IV, null, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 16");
    assertThatThrownBy(() -> AesGcm.encrypt(KEY, new byte[16], null, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12 bytes, got 16");
  }
}
