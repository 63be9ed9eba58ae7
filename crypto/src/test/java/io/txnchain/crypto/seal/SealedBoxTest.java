package io.txnchain.crypto.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBoxException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.Test;

class SealedBoxTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] INFO = utf8("txnchain/test/v1");
  private static final byte[] AAD = utf8("block 17, tx 3");
  private static final byte[] PT = utf8("the quick brown fox jumps over the lazy dog");

  private final X25519KeyPair recipient = X25519KeyPair.generate(RANDOM);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Reason reasonOf(X25519KeyPair kp, byte[] info, byte[] aad, byte[] box) {
    try {
      SealedBox.open(kp, info, aad, box);
    } catch (SealedBoxException e) {
      return e.reason();
    }
    throw new AssertionError("box opened");
  }

  @Test
  void roundTripAndWireLayout() throws SealedBoxException {
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    assertThat(box).hasSize(1 + 8 + 32 + PT.length + 16);
    assertThat(box[0]).isEqualTo((byte) SealedBox.VERSION);
    byte[] keyId = Arrays.copyOf(Hashes.sha256(recipient.publicKey()), 8);
    assertThat(SealedBox.recipientKeyId(recipient.publicKey())).isEqualTo(keyId);
    assertThat(Arrays.copyOfRange(box, 1, 9)).isEqualTo(keyId);
    assertThat(SealedBox.recipientKeyIdOf(box)).isEqualTo(keyId);
    assertThat(SealedBox.open(recipient, INFO, AAD, box)).isEqualTo(PT);
  }

  @Test
  void randomisedSealsDifferButBothOpen() throws SealedBoxException {
    byte[] a = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    byte[] b = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    assertThat(a).isNotEqualTo(b);
    assertThat(SealedBox.open(recipient, INFO, AAD, a)).isEqualTo(PT);
    assertThat(SealedBox.open(recipient, INFO, AAD, b)).isEqualTo(PT);
  }

  @Test
  void emptyPlaintextAndNullInfoAndAad() throws SealedBoxException {
    byte[] box = SealedBox.seal(recipient.publicKey(), null, null, new byte[0], RANDOM);
    assertThat(box).hasSize(SealedBox.MIN_LENGTH);
    assertThat(SealedBox.open(recipient, new byte[0], new byte[0], box)).isEmpty();
    assertThat(SealedBox.open(recipient, null, null, box)).isEmpty();
  }

  @Test
  void wrongRecipient() {
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    assertThat(reasonOf(X25519KeyPair.generate(RANDOM), INFO, AAD, box))
        .isEqualTo(Reason.WRONG_RECIPIENT);
  }

  @Test
  void differentInfoOrAadFailsAuthentication() {
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    assertThat(reasonOf(recipient, utf8("txnchain/test/v2"), AAD, box))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(reasonOf(recipient, null, AAD, box)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(reasonOf(recipient, INFO, utf8("block 17, tx 4"), box))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(reasonOf(recipient, INFO, null, box)).isEqualTo(Reason.AUTHENTICATION_FAILED);
  }

  @Test
  void everyFlippedByteIsRejectedWithTheRightReason() {
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    for (int i = 0; i < box.length; i++) {
      byte[] tampered = box.clone();
      tampered[i] ^= (byte) 0x80;
      Reason expected =
          i == 0 ? Reason.MALFORMED : i < 9 ? Reason.WRONG_RECIPIENT : Reason.AUTHENTICATION_FAILED;
      assertThat(reasonOf(recipient, INFO, AAD, tampered)).as("byte %d", i).isEqualTo(expected);
    }
  }

  @Test
  void truncatedBoxes() {
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    for (int len : new int[] {0, 1, 9, 41, SealedBox.MIN_LENGTH - 1}) {
      byte[] truncated = Arrays.copyOf(box, len);
      assertThat(reasonOf(recipient, INFO, AAD, truncated))
          .as("length %d", len)
          .isEqualTo(Reason.MALFORMED);
      assertThatThrownBy(() -> SealedBox.recipientKeyIdOf(truncated))
          .isInstanceOf(SealedBoxException.class)
          .hasMessageContaining("shorter than the minimum");
    }
    // Long enough to parse, but the tag no longer matches.
    assertThat(reasonOf(recipient, INFO, AAD, Arrays.copyOf(box, box.length - 1)))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(reasonOf(recipient, INFO, AAD, null)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void unknownVersionIsMalformed() {
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    box[0] = 2;
    assertThatThrownBy(() -> SealedBox.recipientKeyIdOf(box))
        .isInstanceOf(SealedBoxException.class)
        .hasMessageContaining("version is 2")
        .extracting(e -> ((SealedBoxException) e).reason())
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void lowOrderEphemeralKeyIsMalformed() {
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    Arrays.fill(box, 9, 41, (byte) 0);
    assertThat(reasonOf(recipient, INFO, AAD, box)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void deterministicSealIsReproducible() throws SealedBoxException {
    byte[] ikm = new byte[32];
    RANDOM.nextBytes(ikm);
    byte[] a = SealedBox.sealDeterministic(recipient.publicKey(), INFO, AAD, PT, ikm);
    byte[] b = SealedBox.sealDeterministic(recipient.publicKey(), INFO, AAD, PT, ikm.clone());
    assertThat(a).isEqualTo(b);
    assertThat(SealedBox.open(recipient, INFO, AAD, a)).isEqualTo(PT);
    // The enc field is the public key of DeriveKeyPair(ikm).
    assertThat(Arrays.copyOfRange(a, 9, 41)).isEqualTo(X25519KeyPair.derive(ikm).publicKey());

    byte[] otherIkm = ikm.clone();
    otherIkm[0] ^= 1;
    assertThat(SealedBox.sealDeterministic(recipient.publicKey(), INFO, AAD, PT, otherIkm))
        .isNotEqualTo(a);
    assertThatThrownBy(
            () -> SealedBox.sealDeterministic(recipient.publicKey(), INFO, AAD, PT, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badRecipientKeysAreRejectedWhenSealing() {
    assertThatThrownBy(() -> SealedBox.seal(new byte[31], INFO, AAD, PT, RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 31");
    assertThatThrownBy(() -> SealedBox.seal(new byte[32], INFO, AAD, PT, RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("low-order");
  }

  @Test
  void interoperatesWithBouncyCastleHpke() throws Exception {
    HPKE hpke =
        new HPKE(
            HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    AsymmetricCipherKeyPair kpR = hpke.deserializePrivateKey(recipient.privateKey(), null);

    // Our box, opened by BouncyCastle.
    byte[] box = SealedBox.seal(recipient.publicKey(), INFO, AAD, PT, RANDOM);
    byte[] enc = Arrays.copyOfRange(box, 9, 41);
    byte[] ct = Arrays.copyOfRange(box, 41, box.length);
    assertThat(hpke.setupBaseR(enc, kpR, INFO).open(AAD, ct)).isEqualTo(PT);

    // BouncyCastle's ciphertext, framed as a box and opened by us.
    HPKEContextWithEncapsulation sender =
        hpke.setupBaseS(hpke.deserializePublicKey(recipient.publicKey()), INFO);
    byte[] theirCt = sender.seal(AAD, PT);
    byte[] theirBox =
        org.bouncycastle.util.Arrays.concatenate(
            new byte[] {1},
            SealedBox.recipientKeyId(recipient.publicKey()),
            sender.getEncapsulation(),
            theirCt);
    assertThat(SealedBox.open(recipient, INFO, AAD, theirBox)).isEqualTo(PT);
  }
}
