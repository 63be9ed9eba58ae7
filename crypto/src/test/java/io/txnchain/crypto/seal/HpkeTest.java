package io.txnchain.crypto.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.X25519KeyPair;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * RFC 9180 Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode. The RFC
 * publishes no X25519 vectors for AES-256-GCM; everything but the key length is shared, and the
 * AES-256 suite is cross-checked against BouncyCastle's independent HPKE implementation instead.
 */
class HpkeTest {
  private static final byte[] INFO = Hex.decode("4f6465206f6e2061204772656369616e2055726e");
  private static final byte[] IKM_E =
      Hex.decode("7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234");
  private static final byte[] IKM_R =
      Hex.decode("6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037");
  private static final String PK_EM =
      "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431";
  private static final String SHARED_SECRET =
      "fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc";
  private static final byte[] PT =
      Hex.decode("4265617574792069732074727574682c20747275746820626561757479");
  private static final byte[] AAD_0 = Hex.decode("436f756e742d30");
  private static final String CT_0 =
      "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a";

  @Test
  void encapAndDecapGiveThePublishedSharedSecret() throws CryptoException {
    X25519KeyPair ephemeral = X25519KeyPair.derive(IKM_E);
    X25519KeyPair recipient = X25519KeyPair.derive(IKM_R);
    Hpke.Encapsulation encapsulation = Hpke.encap(recipient.publicKey(), ephemeral);
    assertThat(Hex.toHexString(encapsulation.enc())).isEqualTo(PK_EM);
    assertThat(Hex.toHexString(encapsulation.sharedSecret())).isEqualTo(SHARED_SECRET);
    assertThat(Hex.toHexString(Hpke.decap(encapsulation.enc(), recipient)))
        .isEqualTo(SHARED_SECRET);
  }

  @Test
  void keyScheduleGivesThePublishedValues() {
    assertThat(Hex.toHexString(Hpke.keyScheduleContext(Hpke.suiteId(Hpke.AEAD_AES_128_GCM), INFO)))
        .isEqualTo(
            "00725611c9d98c07c03f60095cd32d400d8347d45ed67097bbad50fc56da742d07"
                + "cb6cffde367bb0565ba28bb02c90744a20f5ef37f30523526106f637abb05449");
    Hpke.Context context = Hpke.keySchedule(Hpke.AEAD_AES_128_GCM, Hex.decode(SHARED_SECRET), INFO);
    assertThat(Hex.toHexString(context.key())).isEqualTo("4531685d41d65f03dc48f6b8302c05b0");
    assertThat(Hex.toHexString(context.baseNonce())).isEqualTo("56d890e5accaaf011cff4b7d");
    assertThat(Hex.toHexString(context.exporterSecret()))
        .isEqualTo("45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8");
  }

  @Test
  void firstEncryptionMatchesThePublishedCiphertext() throws Exception {
    Hpke.Context context = Hpke.keySchedule(Hpke.AEAD_AES_128_GCM, Hex.decode(SHARED_SECRET), INFO);
    // Sequence 0 uses the base nonce unchanged.
    assertThat(Hex.toHexString(aes128Gcm(context.key(), context.baseNonce(), AAD_0, PT)))
        .isEqualTo(CT_0);
  }

  @Test
  void bouncyCastleHpkeAgreesOnTheVector() throws InvalidCipherTextException {
    HPKE hpke =
        new HPKE(
            HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    AsymmetricCipherKeyPair kpE = hpke.deriveKeyPair(IKM_E);
    AsymmetricCipherKeyPair kpR = hpke.deriveKeyPair(IKM_R);
    var sender = hpke.setupBaseS(kpR.getPublic(), INFO, kpE);
    assertThat(Hex.toHexString(sender.getEncapsulation())).isEqualTo(PK_EM);
    assertThat(Hex.toHexString(sender.seal(AAD_0, PT))).isEqualTo(CT_0);
  }

  private static byte[] aes128Gcm(byte[] key, byte[] nonce, byte[] aad, byte[] pt)
      throws InvalidCipherTextException {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
    byte[] out = new byte[gcm.getOutputSize(pt.length)];
    int n = gcm.processBytes(pt, 0, pt.length, out, 0);
    gcm.doFinal(out, n);
    return out;
  }
}
