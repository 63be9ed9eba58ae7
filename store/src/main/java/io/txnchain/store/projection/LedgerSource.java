package io.txnchain.store.projection;

/**
 * Where the projection reads the ledger: blocks by height, with the DEX's public events. The node
 * implements it over its ledger store; tests implement it over a list.
 */
public interface LedgerSource {

  /** The height of the last stored block. */
  long head();

  /** The block at {@code height} (1..head), with the events of the DEX app's transactions. */
  LedgerBlock block(long height);
}
