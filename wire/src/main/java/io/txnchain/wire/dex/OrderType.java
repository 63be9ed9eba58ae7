package io.txnchain.wire.dex;

/** Limit or market; {@link #code()} is the EIP-712 {@code uint8} encoding. */
public enum OrderType {
  /** Trades at the order's price or better. */
  LIMIT(0),
  /** Trades at any price inside the market's price band; never rests. */
  MARKET(1);

  private final int code;

  OrderType(int code) {
    this.code = code;
  }

  /** The stable wire code. */
  public int code() {
    return code;
  }

  /** The type with wire code {@code code}, or {@code null} if there is none. */
  public static OrderType fromCode(int code) {
    return code == 0 ? LIMIT : code == 1 ? MARKET : null;
  }
}
