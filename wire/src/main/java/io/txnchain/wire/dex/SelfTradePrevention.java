package io.txnchain.wire.dex;

/**
 * What happens when an incoming order would trade with a resting order of the same account. The
 * mode of the incoming (taker) order decides; {@link #code()} is the EIP-712 {@code uint8}.
 */
public enum SelfTradePrevention {
  /** The taker's unfilled rest expires; the resting order stays. The default. */
  EXPIRE_TAKER(0),
  /** The resting order expires and matching continues behind it. */
  EXPIRE_MAKER(1),
  /** Both the resting order and the taker's unfilled rest expire. */
  EXPIRE_BOTH(2);

  private final int code;

  SelfTradePrevention(int code) {
    this.code = code;
  }

  /** The stable wire code. */
  public int code() {
    return code;
  }

  /** The mode with wire code {@code code}, or {@code null} if there is none. */
  public static SelfTradePrevention fromCode(int code) {
    for (SelfTradePrevention s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
