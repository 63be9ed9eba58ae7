package io.txnchain.ledger.machine;

/**
 * The outcome of one transaction of a batch: recorded at {@code recordIndex} of the block, or
 * rejected with a reason (and then not on the ledger at all).
 */
public record TxOutcome(String txId, int recordIndex, RejectCode code, String message) {
  public static TxOutcome recorded(String txId, int recordIndex) {
    return new TxOutcome(txId, recordIndex, null, null);
  }

  public static TxOutcome rejected(String txId, RejectCode code, String message) {
    return new TxOutcome(txId, -1, code, message);
  }

  public boolean isRecorded() {
    return code == null;
  }
}
