package io.txnchain.ledger.store;

/** Where a transaction record is: block height and index within the block. */
public record TxLocation(long height, int index) {}
