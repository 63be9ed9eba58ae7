package io.txnchain.ledger.store;

import java.nio.charset.StandardCharsets;

/**
 * Every RocksDB column family of the ledger, declared once. The names are the stable ids on disk:
 * renaming one is a format change (bump {@link LedgerStore#FORMAT_VERSION}).
 */
public enum Column {
  /** Format version, chain head, chain id, enclave evidence. */
  META("meta"),
  /** Block headers and their enclave signatures, by height. */
  BLOCKS("blocks"),
  /** Encoded transaction records, by (height, index). */
  RECORDS("records"),
  /** Transaction id to (height, index). */
  TX_INDEX("tx_index"),
  /** Public app state. */
  STATE_PUBLIC("state_public"),
  /** Private app state, sealed by the enclave. */
  STATE_PRIVATE("state_private");

  private final String id;

  Column(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  byte[] idBytes() {
    return id.getBytes(StandardCharsets.US_ASCII);
  }
}
