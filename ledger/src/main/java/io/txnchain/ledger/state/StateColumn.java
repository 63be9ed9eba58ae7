package io.txnchain.ledger.state;

/** The two state maps: public (plaintext on disk) and private (sealed by the enclave on disk). */
public enum StateColumn {
  PUBLIC,
  PRIVATE
}
