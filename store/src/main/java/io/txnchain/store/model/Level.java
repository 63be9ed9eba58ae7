package io.txnchain.store.model;

/** An aggregated price level: the total open quantity at {@code price}; 0 means it is gone. */
public record Level(String market, String side, long price, long quantity) {}
