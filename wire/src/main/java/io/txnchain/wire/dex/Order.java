package io.txnchain.wire.dex;

import io.txnchain.crypto.EthAddress;
import java.util.Objects;

/**
 * The order a trader signs, field for field the EIP-712 struct {@link OrderEncoder#ORDER_TYPE}.
 * Numbers are {@code long} values of the market's fixed-point units (see the DEX module's {@code
 * MarketSpec}); the {@code uint256} fields therefore hold 0..2^63-1. Only the constructor's
 * structural checks happen here; market rules (tick, lot, notional, balances) are the engine's.
 *
 * @param trader the signer, and the account that trades
 * @param market the market symbol, e.g. {@code ETH-USDC}
 * @param price limit price in quote units per whole base token; 0 for market orders
 * @param quantity base units
 * @param payAddress settlement-chain address funds come from (zero address: the trader)
 * @param receiveAddress settlement-chain address proceeds go to (zero address: the trader)
 * @param nonce unique per trader; a nonce can be used once
 * @param expiry Unix time in milliseconds after which the order is refused; 0 = never
 * @param clientOrderId the trader's own id for the order, may be empty
 */
public record Order(
    EthAddress trader,
    String market,
    Side side,
    OrderType orderType,
    long price,
    long quantity,
    TimeInForce timeInForce,
    boolean postOnly,
    SelfTradePrevention selfTradePrevention,
    EthAddress payAddress,
    EthAddress receiveAddress,
    long nonce,
    long expiry,
    String clientOrderId) {

  /** Rejects nulls and negative numbers, which no EIP-712 unsigned field can carry. */
  public Order {
    Objects.requireNonNull(trader, "trader");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(orderType, "orderType");
    Objects.requireNonNull(timeInForce, "timeInForce");
    Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
    Objects.requireNonNull(payAddress, "payAddress");
    Objects.requireNonNull(receiveAddress, "receiveAddress");
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    if (price < 0 || quantity < 0 || nonce < 0 || expiry < 0) {
      throw new IllegalArgumentException("price, quantity, nonce and expiry must be >= 0");
    }
  }
}
