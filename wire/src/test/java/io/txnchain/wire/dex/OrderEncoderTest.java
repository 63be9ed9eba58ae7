package io.txnchain.wire.dex;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The EIP-712 vectors of docs/dex-orders.md: each hash is pinned as a constant and recomputed by
 * web3j's independent {@link StructuredDataEncoder} from the typed-data JSON a wallet would get.
 */
class OrderEncoderTest {
  static final String TYPE_HASH =
      "edfccd7c2e66df6eaa7f493e1ca96484f6274c22e0132d6a6902daaa9ca85764";
  static final String DOMAIN_TYPE_HASH =
      "8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f";
  static final String DOMAIN_SEPARATOR =
      "228d430007ebd0c0b3f60822f6f434a2f0a568b88e069abb89e856d7f5647138";

  /** Per vector: struct hash, digest, signature by {@link OrderVectors#PRIVATE_KEY}. */
  static final String[][] VECTORS = {
    {
      "efdcb895895036d37d8fdfa72f1424c496735b8a29122c2389adb8955b1d153d",
      "2a9000313fb7dd673dccc3a2d552d107e315189739e4758e6ee1dd797e62dcd5",
      "15f5df5e526703536617c3f0025460acbe63177295c690669a5b6c78f06cdd82"
          + "0197b7d27cdf724d6e622742df2b9cd87853ed3ce343266350c1f160550c211c1c"
    },
    {
      "8281563925f6229e348d7333c561607690c9808c8d886fc8f65703a678145cf3",
      "a04ec940bec2088fac1e39de901a5acb548657b189bf349c4f0ea137746db6a8",
      "ce5109c71e4362153d2c14c4bcec65ae910044cbad4286661ee50daae0447bb1"
          + "3a5abc3e3ae6b3a74deeb56973bb7dfb3decbe907113af572c4cb794cb81f2981c"
    },
    {
      "fc156f22d94ddda1d11283500c431efc1d14eb14c14fca17a2ef7b80678e9e13",
      "cbe0ae39f90f6c8248abec28fa406bca64c729d0c3ac800ba66214ae1057739c",
      "b66892e4bd0bec97491dc49d80d60e3a8366a1a145ebe20545629bf039d9f31b"
          + "1b2b9caf67c8f098b1fbbeaa282024f3745501ff0b7c3360ab548f95b7dbaf561b"
    }
  };

  @Test
  void typeAndDomainHashesArePinned() {
    assertThat(Hex.toHexString(OrderEncoder.orderTypeHash())).isEqualTo(TYPE_HASH);
    assertThat(Hex.toHexString(OrderEncoder.domainTypeHash())).isEqualTo(DOMAIN_TYPE_HASH);
    assertThat(Hex.toHexString(OrderEncoder.domainSeparator(OrderVectors.domain())))
        .isEqualTo(DOMAIN_SEPARATOR);
  }

  @Test
  void vectorsArePinned() {
    Order[] orders = OrderVectors.all();
    for (int i = 0; i < orders.length; i++) {
      assertThat(Hex.toHexString(OrderEncoder.hashStruct(orders[i]))).isEqualTo(VECTORS[i][0]);
      assertThat(Hex.toHexString(OrderEncoder.digest(OrderVectors.domain(), orders[i])))
          .isEqualTo(VECTORS[i][1]);
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void web3jComputesTheSameHashes() throws Exception {
    for (Order o : OrderVectors.all()) {
      StructuredDataEncoder web3j =
          new StructuredDataEncoder(Web3jTypedData.json(OrderVectors.domain(), o));
      assertThat(web3j.encodeType("Order")).isEqualTo(OrderEncoder.ORDER_TYPE);
      assertThat(web3j.typeHash("Order")).isEqualTo(OrderEncoder.orderTypeHash());
      assertThat(web3j.hashDomain()).isEqualTo(OrderEncoder.domainSeparator(OrderVectors.domain()));
      HashMap<String, Object> message =
          (HashMap<String, Object>) web3j.jsonMessageObject.getMessage();
      assertThat(web3j.hashMessage("Order", message)).isEqualTo(OrderEncoder.hashStruct(o));
      assertThat(web3j.hashStructuredData())
          .isEqualTo(OrderEncoder.digest(OrderVectors.domain(), o));
    }
  }

  @Test
  void theDocumentedTypedDataHashesToTheDocumentedDigest() throws Exception {
    String doc =
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "dex-orders.md"));
    int start = doc.indexOf("```json\n") + "```json\n".length();
    String json = doc.substring(start, doc.indexOf("```", start));
    StructuredDataEncoder web3j = new StructuredDataEncoder(json);
    assertThat(Hex.toHexString(web3j.hashStructuredData())).isEqualTo(VECTORS[0][1]);
    for (String[] vector : VECTORS) {
      assertThat(doc).contains(vector[0], vector[1], vector[2]);
    }
    assertThat(doc).contains(OrderEncoder.ORDER_TYPE, TYPE_HASH, DOMAIN_SEPARATOR);
  }

  @Test
  void fixedKeySignsThePinnedSignaturesAndTheyRecoverToTheTrader() throws Exception {
    assertThat(OrderVectors.key().address()).isEqualTo(OrderVectors.address(OrderVectors.TRADER));
    Order[] orders = OrderVectors.all();
    for (int i = 0; i < orders.length; i++) {
      byte[] digest = OrderEncoder.digest(OrderVectors.domain(), orders[i]);
      byte[] sig = OrderVectors.key().sign(digest).toBytes65();
      assertThat(Hex.toHexString(sig)).isEqualTo(VECTORS[i][2]);
      byte[] publicKey = Secp256k1.recoverPublicKey(digest, EcdsaSignature.fromBytes65(sig));
      assertThat(EthAddress.fromPublicKey(publicKey)).isEqualTo(orders[i].trader());
    }
  }

  @Test
  void web3jSignsAndRecoversTheSame() throws Exception {
    ECKeyPair web3jKey = ECKeyPair.create(new BigInteger(OrderVectors.PRIVATE_KEY, 16));
    Order[] orders = OrderVectors.all();
    for (int i = 0; i < orders.length; i++) {
      byte[] digest = Hex.decode(VECTORS[i][1]);
      Sign.SignatureData sd = Sign.signMessage(digest, web3jKey, false);
      byte[] sig = new byte[65];
      System.arraycopy(sd.getR(), 0, sig, 0, 32);
      System.arraycopy(sd.getS(), 0, sig, 32, 32);
      sig[64] = sd.getV()[0];
      assertThat(Hex.toHexString(sig)).isEqualTo(VECTORS[i][2]);
      BigInteger recovered = Sign.signedMessageHashToKey(digest, sd);
      assertThat("0x" + Keys.getAddress(recovered)).isEqualToIgnoringCase(OrderVectors.TRADER);
    }
  }

  @Test
  void everyFieldChangesTheStructHash() {
    Order base = OrderVectors.limitBuy();
    Order[] variants = {
      OrderVectors.withTrader(base, OrderVectors.address(OrderVectors.PAY)),
      new Order(
          base.trader(),
          "BTC-USDC",
          base.side(),
          base.orderType(),
          base.price(),
          base.quantity(),
          base.timeInForce(),
          base.postOnly(),
          base.selfTradePrevention(),
          base.payAddress(),
          base.receiveAddress(),
          base.nonce(),
          base.expiry(),
          base.clientOrderId()),
      new Order(
          base.trader(),
          base.market(),
          base.side(),
          base.orderType(),
          base.price() + 1,
          base.quantity(),
          base.timeInForce(),
          base.postOnly(),
          base.selfTradePrevention(),
          base.payAddress(),
          base.receiveAddress(),
          base.nonce(),
          base.expiry(),
          base.clientOrderId()),
      new Order(
          base.trader(),
          base.market(),
          base.side(),
          base.orderType(),
          base.price(),
          base.quantity(),
          base.timeInForce(),
          true,
          base.selfTradePrevention(),
          base.payAddress(),
          base.receiveAddress(),
          base.nonce(),
          base.expiry(),
          base.clientOrderId()),
      new Order(
          base.trader(),
          base.market(),
          base.side(),
          base.orderType(),
          base.price(),
          base.quantity(),
          base.timeInForce(),
          base.postOnly(),
          base.selfTradePrevention(),
          base.payAddress(),
          base.receiveAddress(),
          base.nonce(),
          base.expiry(),
          "alice-2")
    };
    byte[] h = OrderEncoder.hashStruct(base);
    for (Order v : variants) {
      assertThat(Arrays.equals(OrderEncoder.hashStruct(v), h)).isFalse();
    }
  }
}
