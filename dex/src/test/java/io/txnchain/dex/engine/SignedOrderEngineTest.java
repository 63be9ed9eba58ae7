package io.txnchain.dex.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.engine.DexEvent.OrderAccepted;
import io.txnchain.dex.engine.DexEvent.OrderRejected;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.SignedOrder;
import io.txnchain.wire.dex.TimeInForce;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed orders through the engine: verification, replay protection, and state on rejection. */
class SignedOrderEngineTest {
  static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  static final long NOW = Harness.NOW;
  static final EthAddress ZERO = new EthAddress(new byte[20]);

  final Secp256k1KeyPair alice = Secp256k1KeyPair.fromPrivateKey(key(1));
  final Secp256k1KeyPair bob = Secp256k1KeyPair.fromPrivateKey(key(2));
  Harness h;
  long aliceId;

  static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    k[0] = 0x11;
    return k;
  }

  @BeforeEach
  void setUp() {
    MarketSpec eth = Harness.simple("ETH-USDC", FeeSchedule.FREE, 0, 1_000);
    h = Harness.of(Engine.create(new EngineConfig(List.of(eth), Harness.DOMAIN)));
    h.run(new Command.Register(alice.address()));
    aliceId = ((DexEvent.AccountRegistered) h.last.get(0)).account();
    assertThat(aliceId).isEqualTo(1);
    h.run(new Command.Register(alice.address()));
    assertThat(h.last).containsExactly(new DexEvent.AccountRegistered(1, alice.address()));
    assertThat(h.engine.accountOf(alice.address())).isEqualTo(1);
    assertThat(h.engine.accountOf(bob.address())).isEqualTo(-1);
    h.fund(aliceId, "USDC", 10_000);
  }

  static Order order(EthAddress trader, long nonce, long price, long expiry) {
    return new Order(
        trader,
        "ETH-USDC",
        Side.BUY,
        OrderType.LIMIT,
        price,
        10,
        TimeInForce.GTC,
        false,
        SelfTradePrevention.EXPIRE_TAKER,
        ZERO,
        ZERO,
        nonce,
        expiry,
        "c" + nonce);
  }

  static SignedOrder sign(Secp256k1KeyPair key, Eip712Domain domain, Order o) {
    return new SignedOrder(domain, o, key.sign(OrderEncoder.digest(domain, o)).toBytes65());
  }

  SignedOrder signed(Order o) {
    return sign(alice, Harness.DOMAIN, o);
  }

  @Test
  void acceptedSignedOrdersTradeForTheSigner() {
    Order o = order(alice.address(), 1, 100, NOW + 1);
    h.run(new Command.PlaceSigned(signed(o)));
    OrderAccepted accepted = (OrderAccepted) h.last.get(0);
    assertThat(accepted.account()).isEqualTo(aliceId);
    assertThat(accepted.clientOrderId()).isEqualTo("c1");
    assertThat(h.locked(aliceId, "USDC")).isEqualTo(1_000);
  }

  @Test
  void replaysAreRefused() {
    Order o = order(alice.address(), 7, 100, 0);
    h.run(new Command.PlaceSigned(signed(o)));
    h.assertRejected(new Command.PlaceSigned(signed(o)), RejectReason.DUPLICATE_ORDER);
    Order sameNonce = order(alice.address(), 7, 90, 0);
    h.assertRejected(new Command.PlaceSigned(signed(sameNonce)), RejectReason.NONCE_REUSED);
    h.run(new Command.PlaceSigned(signed(order(alice.address(), 8, 90, 0))));
    assertThat(h.last.get(0)).isInstanceOf(OrderAccepted.class);
  }

  @Test
  void aRejectedSignedOrderIsNotConsumed() {
    Order big = order(alice.address(), 3, 5_000, 0);
    h.assertRejected(new Command.PlaceSigned(signed(big)), RejectReason.INSUFFICIENT_BALANCE);
    h.fund(aliceId, "USDC", 100_000);
    h.run(new Command.PlaceSigned(signed(big)));
    assertThat(h.last.get(0)).isInstanceOf(OrderAccepted.class);
  }

  @Test
  void unregisteredTradersHaveNoFunds() {
    Order o = order(bob.address(), 1, 100, 0);
    h.assertRejected(
        new Command.PlaceSigned(sign(bob, Harness.DOMAIN, o)), RejectReason.INSUFFICIENT_BALANCE);
  }

  @Test
  void signatureDomainAndExpiryFailuresMapToRejectReasons() {
    Order o = order(alice.address(), 1, 100, NOW + 1_000);
    byte[] good = signed(o).signature();

    h.assertRejected(
        new Command.PlaceSigned(sign(alice, Harness.DOMAIN, order(alice.address(), 1, 100, NOW))),
        RejectReason.ORDER_EXPIRED);
    Eip712Domain otherChain = new Eip712Domain(1, Harness.DOMAIN.verifyingContract());
    h.assertRejected(
        new Command.PlaceSigned(sign(alice, otherChain, o)), RejectReason.WRONG_DOMAIN);
    h.assertRejected(
        new Command.PlaceSigned(
            new SignedOrder(Harness.DOMAIN, o, sign(alice, otherChain, o).signature())),
        RejectReason.SIGNER_MISMATCH);
    h.assertRejected(
        new Command.PlaceSigned(sign(bob, Harness.DOMAIN, o)), RejectReason.SIGNER_MISMATCH);
    h.assertRejected(
        new Command.PlaceSigned(new SignedOrder(Harness.DOMAIN, o, Arrays.copyOf(good, 64))),
        RejectReason.MALFORMED_SIGNATURE);
    byte[] badV = good.clone();
    badV[64] = 29;
    h.assertRejected(
        new Command.PlaceSigned(new SignedOrder(Harness.DOMAIN, o, badV)), RejectReason.INVALID_V);
    byte[] highS = good.clone();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(good, 32, 64));
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, N.subtract(s)), 0, highS, 32, 32);
    highS[64] = (byte) (good[64] == 27 ? 28 : 27);
    h.assertRejected(
        new Command.PlaceSigned(new SignedOrder(Harness.DOMAIN, o, highS)),
        RejectReason.HIGH_S_SIGNATURE);
    // The flipped signature is the same ECDSA signature in its malleable form: it still recovers
    // to Alice, which is exactly why only the low-s form is accepted.
    h.run(new Command.PlaceSigned(new SignedOrder(Harness.DOMAIN, o, good)));
    assertThat(h.last.get(0)).isInstanceOf(OrderAccepted.class);
  }

  @Test
  void marketRulesStillApplyToSignedOrders() {
    Order offLot =
        new Order(
            alice.address(),
            "DOGE-USDC",
            Side.BUY,
            OrderType.LIMIT,
            100,
            10,
            TimeInForce.GTC,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            ZERO,
            ZERO,
            9,
            0,
            "");
    h.run(new Command.PlaceSigned(signed(offLot)));
    assertThat(((OrderRejected) h.last.get(0)).reason()).isEqualTo(RejectReason.UNKNOWN_MARKET);
  }
}
