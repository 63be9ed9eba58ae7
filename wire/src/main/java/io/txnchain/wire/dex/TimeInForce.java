package io.txnchain.wire.dex;

/** How long an order's unfilled rest lives; {@link #code()} is the EIP-712 {@code uint8}. */
public enum TimeInForce {
  /** Good till cancelled: the unfilled rest rests in the book. */
  GTC(0),
  /** Immediate or cancel: whatever does not fill at once expires. */
  IOC(1),
  /** Fill or kill: fills completely at once or is rejected without any effect. */
  FOK(2);

  private final int code;

  TimeInForce(int code) {
    this.code = code;
  }

  /** The stable wire code. */
  public int code() {
    return code;
  }

  /** The value with wire code {@code code}, or {@code null} if there is none. */
  public static TimeInForce fromCode(int code) {
    for (TimeInForce t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
