package io.txnchain.ledger.machine;

/**
 * Why a transaction was not put on the ledger. The names are stable: the API maps each to a
 * documented error code (docs/api.md).
 */
public enum RejectCode {
  MALFORMED_TRANSACTION,
  WRONG_CHAIN,
  BAD_SIGNATURE,
  DUPLICATE_TRANSACTION,
  PAYLOAD_TOO_LARGE,
  UNKNOWN_APP,
  APP_MEASUREMENT_MISMATCH,
  SEALED_FOR_ANOTHER_KEY,
  SEALED_PAYLOAD_UNREADABLE,
  APP_REJECTED
}
