package io.txnchain.ledger.state;

import java.util.List;
import java.util.Map;

/**
 * Read access to committed state, as the state machine sees it. Private values are returned as
 * stored (sealed); the state machine unseals them itself.
 */
public interface StateReader {

  /** The stored value, or {@code null}. */
  byte[] get(StateColumn column, byte[] key);

  /** Up to {@code limit} entries with keys starting with {@code prefix}, in unsigned key order. */
  List<Map.Entry<byte[], byte[]>> scan(StateColumn column, byte[] prefix, int limit);

  /** True if a transaction with this id is already on the ledger. */
  boolean containsTx(String txId);
}
