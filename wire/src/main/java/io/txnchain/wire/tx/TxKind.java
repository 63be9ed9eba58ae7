package io.txnchain.wire.tx;

import io.txnchain.wire.codec.WireFormatException;

/** What a transaction asks the network to do. Codes are part of the signed encoding. */
public enum TxKind {
  /** Record a payload on the ledger (TxnChain step 1, submit). */
  DATA(1),
  /** Run an enclave app on an input and record the result (TxnChain step 2, process). */
  WORK_ORDER(2);

  private final int code;

  TxKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static TxKind fromCode(int code) throws WireFormatException {
    for (TxKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new WireFormatException("unknown transaction kind " + code);
  }
}
