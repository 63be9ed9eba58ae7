package io.txnchain.store.model;

/**
 * Where a market's public stream stands in the store.
 *
 * @param lastSequence the sequence of the last stream event applied (0 before any)
 * @param lastPrice the price of the last trade, 0 before any
 */
public record MarketState(String market, long lastSequence, long lastPrice) {}
