package io.txnchain.wire.block;

import io.txnchain.wire.codec.WireFormatException;

/** The outcome of applying a transaction. */
public enum TxStatus {
  /** Applied; its writes are in the state. */
  OK(0),
  /** Ordered but refused when applied; none of its writes are in the state. */
  FAILED(1);

  private final int code;

  TxStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static TxStatus fromCode(int code) throws WireFormatException {
    for (TxStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new WireFormatException("unknown transaction status " + code);
  }
}
