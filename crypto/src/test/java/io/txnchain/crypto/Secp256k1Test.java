package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Secp256k1Test {
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
  private static final String WEB3_DOC_KEY =
      "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] u256(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  @Test
  void knownPrivateKeysGiveKnownAddressesAndKeys() {
    Secp256k1KeyPair web3 = Secp256k1KeyPair.fromPrivateKey(Hex.decode(WEB3_DOC_KEY));
    assertThat(web3.address().toChecksumHex())
        .isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");

    Secp256k1KeyPair one = Secp256k1KeyPair.fromPrivateKey(u256(BigInteger.ONE));
    assertThat(one.address().toString()).isEqualTo("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    // The public key of 1 is the generator G.
    assertThat(Hex.toHexString(one.publicKeyUncompressed()))
        .isEqualTo(
            "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    assertThat(Hex.toHexString(one.publicKeyCompressed()))
        .isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(one.privateKey()).isEqualTo(u256(BigInteger.ONE));
  }

  /** Widely published secp256k1 RFC 6979 (HMAC-SHA256) vectors, low-s normalised. */
  @ParameterizedTest
  @CsvSource({
    "1, Satoshi Nakamoto,"
        + " 934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8,"
        + " 2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5",
    "1, 'Everything should be made as simple as possible, but not simpler.',"
        + " 33a69cd2065432a30f3d1ce4eb0d59b8ab58c74f27c41a7fdb5696ad4e6108c9,"
        + " 6f807982866f785d3f6418d24163ddae117b7db4d5fdf0071de069fa54342262",
    "1, 'All those moments will be lost in time, like tears in rain. Time to die...',"
        + " 8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b,"
        + " 547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21",
    "-1, Satoshi Nakamoto,"
        + " fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0,"
        + " 6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5",
  })
  void rfc6979Vectors(int key, String message, String r, String s) throws CryptoException {
    BigInteger d = key > 0 ? BigInteger.valueOf(key) : N.add(BigInteger.valueOf(key));
    Secp256k1KeyPair pair = Secp256k1KeyPair.fromPrivateKey(u256(d));
    byte[] digest = Hashes.sha256(utf8(message));
    EcdsaSignature sig = pair.sign(digest);
    assertThat(Hex.toHexString(sig.r32())).isEqualTo(r);
    assertThat(Hex.toHexString(sig.s32())).isEqualTo(s);
    assertThat(sig.isLowS()).isTrue();
    assertThat(Secp256k1.recoverPublicKey(digest, sig)).isEqualTo(pair.publicKeyUncompressed());
  }

  @Test
  void ethereumPersonalSignVectorFromWeb3Docs() throws CryptoException {
    // web3.eth.accounts.sign("Some data", key): keccak256("\x19Ethereum Signed Message:\n9Some
    // data").
    byte[] digest = Hashes.keccak256(utf8("\u0019Ethereum Signed Message:\n9Some data"));
    assertThat(Hex.toHexString(digest))
        .isEqualTo("1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655");
    String expected =
        "b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
            + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c";
    Secp256k1KeyPair pair = Secp256k1KeyPair.fromPrivateKey(Hex.decode(WEB3_DOC_KEY));
    assertThat(Hex.toHexString(pair.sign(digest).toBytes65())).isEqualTo(expected);

    EcdsaSignature parsed = EcdsaSignature.fromBytes65(Hex.decode(expected));
    assertThat(parsed.recoveryId()).isEqualTo(1);
    assertThat(EthAddress.fromPublicKey(Secp256k1.recoverPublicKey(digest, parsed)))
        .isEqualTo(EthAddress.parse("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"));
  }

  @Test
  void signRecoverAndVerifyRoundTrip() throws CryptoException {
    SecureRandom random = new SecureRandom();
    int[] recoveryIds = new int[2];
    for (int i = 0; i < 40; i++) {
      Secp256k1KeyPair pair = Secp256k1KeyPair.generate(random);
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      EcdsaSignature sig = pair.sign(digest);
      recoveryIds[sig.recoveryId()]++;
      assertThat(sig.isLowS()).isTrue();
      byte[] recovered = Secp256k1.recoverPublicKey(digest, sig);
      assertThat(recovered).isEqualTo(pair.publicKeyUncompressed());
      assertThat(EthAddress.fromPublicKey(recovered)).isEqualTo(pair.address());
      assertThat(Secp256k1.verify(pair.publicKeyCompressed(), digest, sig)).isTrue();
      assertThat(Secp256k1.verify(pair.publicKeyUncompressed(), digest, sig)).isTrue();
      assertThat(EcdsaSignature.fromBytes65(sig.toBytes65())).isEqualTo(sig);

      // The other recovery id yields a different key, never this one.
      EcdsaSignature flipped = new EcdsaSignature(sig.r32(), sig.s32(), 1 - sig.recoveryId());
      try {
        assertThat(Secp256k1.recoverPublicKey(digest, flipped))
            .isNotEqualTo(pair.publicKeyUncompressed());
      } catch (CryptoException e) {
        // No point with that parity exists: also a correct outcome.
      }
    }
    // Both parities occur with overwhelming probability in 40 signatures.
    assertThat(recoveryIds[0]).isPositive();
    assertThat(recoveryIds[1]).isPositive();
  }

  @Test
  void signingIsDeterministic() {
    Secp256k1KeyPair pair = Secp256k1KeyPair.fromPrivateKey(Hex.decode(WEB3_DOC_KEY));
    byte[] digest = Hashes.keccak256(utf8("transfer 10"));
    EcdsaSignature first = pair.sign(digest);
    assertThat(pair.sign(digest)).isEqualTo(first);
    assertThat(Secp256k1KeyPair.fromPrivateKey(Hex.decode(WEB3_DOC_KEY)).sign(digest))
        .isEqualTo(first);
    assertThat(pair.sign(Hashes.keccak256(utf8("transfer 11")))).isNotEqualTo(first);
  }

  @Test
  void verifyRejectsWrongKeyDigestAndTampering() {
    SecureRandom random = new SecureRandom();
    Secp256k1KeyPair pair = Secp256k1KeyPair.generate(random);
    Secp256k1KeyPair other = Secp256k1KeyPair.generate(random);
    byte[] digest = Hashes.sha256(utf8("payload"));
    EcdsaSignature sig = pair.sign(digest);
    assertThat(Secp256k1.verify(other.publicKeyCompressed(), digest, sig)).isFalse();
    byte[] otherDigest = digest.clone();
    otherDigest[31] ^= 1;
    assertThat(Secp256k1.verify(pair.publicKeyCompressed(), otherDigest, sig)).isFalse();
    byte[] r = sig.r32();
    r[5] ^= 0x10;
    assertThat(
            Secp256k1.verify(
                pair.publicKeyCompressed(), digest, new EcdsaSignature(r, sig.s32(), 0)))
        .isFalse();
    assertThat(Secp256k1.verify(pair.publicKeyCompressed(), Arrays.copyOf(digest, 31), sig))
        .isFalse();
    assertThat(Secp256k1.verify(Arrays.copyOf(pair.publicKeyCompressed(), 32), digest, sig))
        .isFalse();
    assertThat(Secp256k1.verify(null, digest, sig)).isFalse();
    assertThat(Secp256k1.verify(pair.publicKeyCompressed(), digest, null)).isFalse();
    // Hybrid encoding (0x06/0x07) is not accepted even though the point is valid.
    byte[] hybrid = pair.publicKeyUncompressed();
    hybrid[0] = (byte) (6 + (hybrid[64] & 1));
    assertThat(Secp256k1.verify(hybrid, digest, sig)).isFalse();
  }

  @Test
  void highSIsRejectedEverywhere() throws CryptoException {
    Secp256k1KeyPair pair = Secp256k1KeyPair.fromPrivateKey(Hex.decode(WEB3_DOC_KEY));
    byte[] digest = Hashes.sha256(utf8("malleable"));
    EcdsaSignature low = pair.sign(digest);
    BigInteger highS = N.subtract(new BigInteger(1, low.s32()));
    EcdsaSignature high = new EcdsaSignature(low.r32(), u256(highS), 1 - low.recoveryId());
    assertThat(high.isLowS()).isFalse();
    assertThat(Secp256k1.verify(pair.publicKeyUncompressed(), digest, high)).isFalse();
    assertThatThrownBy(() -> EcdsaSignature.fromBytes65(high.toBytes65()))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("high s");
    assertThatThrownBy(() -> Secp256k1.recoverPublicKey(digest, high))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void fromBytes65RejectsBadVAndOutOfRangeScalars() {
    Secp256k1KeyPair pair = Secp256k1KeyPair.fromPrivateKey(Hex.decode(WEB3_DOC_KEY));
    byte[] good = pair.sign(new byte[32]).toBytes65();
    for (int v : new int[] {0, 1, 26, 29, 35, 255}) {
      byte[] bad = good.clone();
      bad[64] = (byte) v;
      assertThatThrownBy(() -> EcdsaSignature.fromBytes65(bad))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("v must be 27 or 28, got " + v);
    }
    byte[] zeroR = good.clone();
    Arrays.fill(zeroR, 0, 32, (byte) 0);
    assertThatThrownBy(() -> EcdsaSignature.fromBytes65(zeroR))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("r must be in [1, n-1]");
    byte[] rIsN = good.clone();
    System.arraycopy(u256(N), 0, rIsN, 0, 32);
    assertThatThrownBy(() -> EcdsaSignature.fromBytes65(rIsN)).isInstanceOf(CryptoException.class);
    byte[] zeroS = good.clone();
    Arrays.fill(zeroS, 32, 64, (byte) 0);
    assertThatThrownBy(() -> EcdsaSignature.fromBytes65(zeroS))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("s must be in [1, n-1]");
    assertThatThrownBy(() -> EcdsaSignature.fromBytes65(Arrays.copyOf(good, 64)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("65 bytes, got 64");
  }

  @Test
  void decompressValidatesThePoint() throws CryptoException {
    Secp256k1KeyPair pair = Secp256k1KeyPair.generate(new SecureRandom());
    assertThat(Secp256k1.decompress(pair.publicKeyCompressed()))
        .isEqualTo(pair.publicKeyUncompressed());
    // Find an x for which x^3 + 7 is a quadratic non-residue: no point has that x.
    BigInteger p =
        BigInteger.TWO.pow(256).subtract(BigInteger.TWO.pow(32)).subtract(BigInteger.valueOf(977));
    BigInteger x = BigInteger.ONE;
    while (x.pow(3).add(BigInteger.valueOf(7)).modPow(p.shiftRight(1), p).equals(BigInteger.ONE)) {
      x = x.add(BigInteger.ONE);
    }
    byte[] notOnCurve = new byte[33];
    notOnCurve[0] = 2;
    System.arraycopy(u256(x), 0, notOnCurve, 1, 32);
    assertThatThrownBy(() -> Secp256k1.decompress(notOnCurve))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("not a point on the curve");
    byte[] xAboveP = new byte[33];
    Arrays.fill(xAboveP, (byte) 0xff);
    xAboveP[0] = 3;
    assertThatThrownBy(() -> Secp256k1.decompress(xAboveP)).isInstanceOf(CryptoException.class);
    byte[] badPrefix = pair.publicKeyCompressed();
    badPrefix[0] = 4;
    assertThatThrownBy(() -> Secp256k1.decompress(badPrefix)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> Secp256k1.decompress(new byte[32]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("33 bytes");
    byte[] offCurve = pair.publicKeyUncompressed();
    offCurve[64] ^= 1;
    assertThat(Secp256k1.verify(offCurve, new byte[32], pair.sign(new byte[32]))).isFalse();
    assertThatThrownBy(() -> EthAddress.fromPublicKey(offCurve))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void privateKeyRangeIsChecked() {
    assertThatThrownBy(() -> Secp256k1KeyPair.fromPrivateKey(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, n-1]");
    assertThatThrownBy(() -> Secp256k1KeyPair.fromPrivateKey(u256(N)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1KeyPair.fromPrivateKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 31");
    Secp256k1KeyPair max = Secp256k1KeyPair.fromPrivateKey(u256(N.subtract(BigInteger.ONE)));
    assertThat(max.toString()).doesNotContain(Hex.toHexString(max.privateKey()));
  }

  @Test
  void signRejectsWrongDigestLength() {
    Secp256k1KeyPair pair = Secp256k1KeyPair.fromPrivateKey(Hex.decode(WEB3_DOC_KEY));
    assertThatThrownBy(() -> pair.sign(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 33");
  }
}
