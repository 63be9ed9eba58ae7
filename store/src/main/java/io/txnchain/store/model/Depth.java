package io.txnchain.store.model;

import java.util.List;

/**
 * A consistent view of a market's book: {@code bids} best (highest) first, {@code asks} best
 * (lowest) first, as of stream sequence {@code lastUpdateId}.
 */
public record Depth(String market, long lastUpdateId, List<Level> bids, List<Level> asks) {}
