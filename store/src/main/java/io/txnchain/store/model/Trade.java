package io.txnchain.store.model;

/**
 * A trade as the public stream reported it, with the owners of both orders (public through the
 * signers of the transactions that placed them). Amounts are the market's fixed-point integers.
 *
 * @param makerOwner address (lower-case hex) that placed the maker order, or empty when unknown
 * @param takerOwner address that placed the taker order, or empty when unknown
 * @param timeMillis the block time of the transaction that made the trade
 * @param height the ledger height of that block
 */
public record Trade(
    String market,
    long sequence,
    String tradeId,
    long price,
    long quantity,
    String takerSide,
    long makerOrderId,
    long takerOrderId,
    String makerOwner,
    String takerOwner,
    long makerFee,
    long takerFee,
    long timeMillis,
    long height) {}
