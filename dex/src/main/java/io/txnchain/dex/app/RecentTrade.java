package io.txnchain.dex.app;

import io.txnchain.wire.dex.Side;

/**
 * A trade as the {@code trades} query shows it.
 *
 * @param tradeId {@code txId-n}: the transaction that made it and its index there
 * @param sequence the market's public sequence number of the trade
 * @param price quote units per whole base token, the maker's price
 * @param quantity base units
 * @param takerSide the side of the incoming order
 * @param timeMillis the block time
 */
record RecentTrade(
    String tradeId, long sequence, long price, long quantity, Side takerSide, long timeMillis) {}
