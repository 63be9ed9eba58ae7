package io.txnchain.store.projection;

import io.txnchain.store.StoreException;

/**
 * A market's stream does not continue where the store stands: an event is missing or repeated. The
 * ledger's streams have no gaps, so this means the store lost or gained data behind the
 * projection's back; rebuild it.
 */
public final class ProjectionGapException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ProjectionGapException(String message) {
    super(message);
  }
}
