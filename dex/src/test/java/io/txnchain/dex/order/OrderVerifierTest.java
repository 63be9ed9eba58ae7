package io.txnchain.dex.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderVectors;
import io.txnchain.wire.dex.SignedOrder;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class OrderVerifierTest {
  static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  static final long NOW = 1_800_000_000_000L;

  final OrderVerifier verifier = new OrderVerifier(OrderVectors.domain());

  static byte[] sign(Eip712Domain domain, Order o) {
    return OrderVectors.key().sign(OrderEncoder.digest(domain, o)).toBytes65();
  }

  VerifyFailure check(byte[] sig) {
    return check(OrderVectors.limitBuy(), sig, NOW);
  }

  VerifyFailure check(Order o, byte[] sig, long now) {
    return verifier.verify(new SignedOrder(OrderVectors.domain(), o, sig), now).failure();
  }

  @Test
  void acceptsAGoodSignature() {
    Order o = OrderVectors.limitBuy();
    Verification v = verifier.verify(new SignedOrder(OrderVectors.domain(), o, sign(o)), NOW);
    assertThat(v.ok()).isTrue();
    assertThat(v.digest()).isEqualTo(OrderEncoder.digest(OrderVectors.domain(), o));
  }

  static byte[] sign(Order o) {
    return sign(OrderVectors.domain(), o);
  }

  @Test
  void rejectsMalformedSignatures() {
    byte[] good = sign(OrderVectors.limitBuy());
    assertThat(check(new byte[64])).isEqualTo(VerifyFailure.MALFORMED_SIGNATURE);
    assertThat(check(new byte[66])).isEqualTo(VerifyFailure.MALFORMED_SIGNATURE);
    byte[] zeroR = good.clone();
    java.util.Arrays.fill(zeroR, 0, 32, (byte) 0);
    assertThat(check(zeroR)).isEqualTo(VerifyFailure.MALFORMED_SIGNATURE);
    byte[] zeroS = good.clone();
    java.util.Arrays.fill(zeroS, 32, 64, (byte) 0);
    assertThat(check(zeroS)).isEqualTo(VerifyFailure.MALFORMED_SIGNATURE);
  }

  @Test
  void rejectsVOtherThan27Or28() {
    byte[] sig = sign(OrderVectors.limitBuy());
    for (int v : new int[] {0, 1, 26, 29, 35, 255}) {
      sig[64] = (byte) v;
      assertThat(check(sig)).isEqualTo(VerifyFailure.INVALID_V);
    }
  }

  @Test
  void rejectsHighS() {
    byte[] sig = sign(OrderVectors.limitBuy());
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    byte[] highS = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N.subtract(s));
    System.arraycopy(highS, 0, sig, 32, 32);
    sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
    assertThat(check(sig)).isEqualTo(VerifyFailure.HIGH_S_SIGNATURE);
  }

  @Test
  void rejectsASignatureByAnotherKey() {
    Order forged =
        OrderVectors.withTrader(OrderVectors.limitBuy(), OrderVectors.address(OrderVectors.PAY));
    assertThat(check(forged, sign(forged), NOW)).isEqualTo(VerifyFailure.SIGNER_MISMATCH);
  }

  @Test
  void rejectsATamperedOrder() {
    Order o = OrderVectors.limitBuy();
    byte[] sig = sign(o);
    Order tampered =
        new Order(
            o.trader(),
            o.market(),
            o.side(),
            o.orderType(),
            o.price() * 2,
            o.quantity(),
            o.timeInForce(),
            o.postOnly(),
            o.selfTradePrevention(),
            o.payAddress(),
            o.receiveAddress(),
            o.nonce(),
            o.expiry(),
            o.clientOrderId());
    assertThat(check(tampered, sig, NOW)).isEqualTo(VerifyFailure.SIGNER_MISMATCH);
  }

  @Test
  void rejectsAnotherChainOrContract() {
    Order o = OrderVectors.limitBuy();
    Eip712Domain otherChain = new Eip712Domain(1, OrderVectors.address(OrderVectors.CONTRACT));
    Eip712Domain otherContract =
        new Eip712Domain(OrderVectors.CHAIN_ID, OrderVectors.address(OrderVectors.PAY));
    for (Eip712Domain d : new Eip712Domain[] {otherChain, otherContract}) {
      // Declared honestly: refused by the domain check.
      assertThat(verifier.verify(new SignedOrder(d, o, sign(d, o)), NOW).failure())
          .isEqualTo(VerifyFailure.WRONG_DOMAIN);
      // Signed under the other domain but declared as ours: the signer no longer matches.
      assertThat(check(o, sign(d, o), NOW)).isEqualTo(VerifyFailure.SIGNER_MISMATCH);
    }
  }

  @Test
  void rejectsExpiredOrdersAgainstTheBlockTime() {
    Order o = OrderVectors.limitBuy();
    byte[] sig = sign(o);
    assertThat(check(o, sig, o.expiry() - 1)).isNull();
    assertThat(check(o, sig, o.expiry())).isEqualTo(VerifyFailure.ORDER_EXPIRED);
    Order never = OrderVectors.marketSell();
    assertThat(check(never, sign(never), Long.MAX_VALUE)).isNull();
  }

  @Test
  void replayGuardRefusesReusedNoncesAndDigests() {
    ReplayGuard guard = new ReplayGuard();
    Order o = OrderVectors.limitBuy();
    byte[] digest = OrderEncoder.digest(OrderVectors.domain(), o);
    assertThat(guard.check(o.trader(), o.nonce(), digest)).isNull();
    guard.record(o.trader(), o.nonce(), digest);
    assertThat(guard.check(o.trader(), o.nonce(), digest)).isEqualTo(VerifyFailure.DUPLICATE_ORDER);
    byte[] other = OrderEncoder.digest(OrderVectors.domain(), OrderVectors.postOnlySell());
    assertThat(guard.check(o.trader(), o.nonce(), other)).isEqualTo(VerifyFailure.NONCE_REUSED);
    assertThat(guard.check(OrderVectors.address(OrderVectors.PAY), o.nonce(), other)).isNull();
  }
}
