package io.txnchain.wire.dex;

/** The side of an order; {@link #code()} is its EIP-712 {@code uint8} encoding. */
public enum Side {
  BUY(0),
  SELL(1);

  private final int code;

  Side(int code) {
    this.code = code;
  }

  /** The stable wire code. */
  public int code() {
    return code;
  }

  /** The side an order of this side matches against. */
  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** The side with wire code {@code code}, or {@code null} if there is none. */
  public static Side fromCode(int code) {
    return code == 0 ? BUY : code == 1 ? SELL : null;
  }
}
