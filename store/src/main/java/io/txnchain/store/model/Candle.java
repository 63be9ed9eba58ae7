package io.txnchain.store.model;

/**
 * A candle of trades in {@code [openTime, openTime + interval)} by block time; prices and volumes
 * in the market's fixed-point units, {@code quoteVolume} in quote units.
 */
public record Candle(
    String market,
    String interval,
    long openTime,
    long open,
    long high,
    long low,
    long close,
    long volume,
    long quoteVolume,
    long trades) {}
