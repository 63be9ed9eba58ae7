package io.txnchain.wire.dex;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import org.bouncycastle.util.encoders.Hex;

/** The fixed key, domain and orders of the documented test vectors (docs/dex-orders.md). */
public final class OrderVectors {
  /** A well-known test private key; never use it for anything real. */
  public static final String PRIVATE_KEY =
      "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  public static final String TRADER = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
  public static final String CONTRACT = "0xcccccccccccccccccccccccccccccccccccccccc";
  public static final String PAY = "0x1111111111111111111111111111111111111111";
  public static final String RECEIVE = "0x2222222222222222222222222222222222222222";
  public static final String ZERO = "0x0000000000000000000000000000000000000000";
  public static final long CHAIN_ID = 31337;

  private OrderVectors() {}

  public static EthAddress address(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (CryptoException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static Secp256k1KeyPair key() {
    return Secp256k1KeyPair.fromPrivateKey(Hex.decode(PRIVATE_KEY));
  }

  public static Eip712Domain domain() {
    return new Eip712Domain(CHAIN_ID, address(CONTRACT));
  }

  /** Vector 1: a GTC limit buy of 1.25 ETH at 2000.5 USDC. */
  public static Order limitBuy() {
    return new Order(
        address(TRADER),
        "ETH-USDC",
        Side.BUY,
        OrderType.LIMIT,
        2_000_500_000L,
        125_000_000L,
        TimeInForce.GTC,
        false,
        SelfTradePrevention.EXPIRE_TAKER,
        address(ZERO),
        address(ZERO),
        1,
        1_900_000_000_000L,
        "alice-1");
  }

  /** Vector 2: an IOC market sell of 0.5 BTC with explicit pay/receive addresses. */
  public static Order marketSell() {
    return new Order(
        address(TRADER),
        "BTC-USDC",
        Side.SELL,
        OrderType.MARKET,
        0,
        50_000_000L,
        TimeInForce.IOC,
        false,
        SelfTradePrevention.EXPIRE_BOTH,
        address(PAY),
        address(RECEIVE),
        42,
        0,
        "");
  }

  /** Vector 3: a post-only sell with a non-ASCII client order id and a large nonce. */
  public static Order postOnlySell() {
    return new Order(
        address(TRADER),
        "ETH-USDC",
        Side.SELL,
        OrderType.LIMIT,
        2_100_000_000L,
        10_000L,
        TimeInForce.GTC,
        true,
        SelfTradePrevention.EXPIRE_MAKER,
        address(TRADER),
        address(RECEIVE),
        Long.MAX_VALUE,
        1_700_000_000_000L,
        "ордер-3");
  }

  /** The three vectors in document order. */
  public static Order[] all() {
    return new Order[] {limitBuy(), marketSell(), postOnlySell()};
  }

  /** {@code o} with another trader. */
  public static Order withTrader(Order o, EthAddress trader) {
    return new Order(
        trader,
        o.market(),
        o.side(),
        o.orderType(),
        o.price(),
        o.quantity(),
        o.timeInForce(),
        o.postOnly(),
        o.selfTradePrevention(),
        o.payAddress(),
        o.receiveAddress(),
        o.nonce(),
        o.expiry(),
        o.clientOrderId());
  }
}
