package io.txnchain.dex.engine;

/**
 * Why a command was refused. A refused command changes nothing: no balance, no book, no counter.
 * The numeric {@link #code()} and the {@link #wireName()} are stable and may be stored and shown.
 */
public enum RejectReason {
  /** The market symbol is not configured. */
  UNKNOWN_MARKET(1),
  /** The token is not traded in any market. */
  UNKNOWN_TOKEN(2),
  /** Missing or contradictory fields: e.g. GTC market order, post-only IOC, long client id. */
  INVALID_ORDER(3),
  /** A deposit or withdrawal amount that is not positive. */
  INVALID_AMOUNT(4),
  /** The price is not a positive multiple of the tick size. */
  PRICE_OFF_TICK(5),
  /** The quantity is not a positive multiple of the lot size. */
  QUANTITY_OFF_LOT(6),
  /** The order's notional is below the market's minimum. */
  BELOW_MIN_NOTIONAL(7),
  /** The available balance does not cover what the order must lock, or the withdrawal. */
  INSUFFICIENT_BALANCE(8),
  /** A price, quantity or amount so large that a notional, fee or total would overflow. */
  OVERFLOW(9),
  /** A post-only order would have traded on entry. */
  POST_ONLY_WOULD_CROSS(10),
  /** A fill-or-kill order cannot be filled completely right now. */
  FOK_CANNOT_FILL(11),
  /** The order belongs to another account. */
  NOT_OWNER(12),
  /** No resting order with that id (or client id). */
  UNKNOWN_ORDER(13),
  /** The account already has an open order with that client order id. */
  DUPLICATE_CLIENT_ID(14),
  /** The best opposite price is already outside the market order's price band. */
  PRICE_BAND_EXCEEDED(15),
  /** A market order found the opposite side empty. */
  NO_LIQUIDITY(16),
  /** The signature is not 65 bytes, has r or s out of range, or recovers to no key. */
  MALFORMED_SIGNATURE(17),
  /** The signature's v is not 27 or 28. */
  INVALID_V(18),
  /** The signature has a high s. */
  HIGH_S_SIGNATURE(19),
  /** The signature recovers to the zero address. */
  ZERO_SIGNER(20),
  /** The signature recovers to an address other than the order's trader. */
  SIGNER_MISMATCH(21),
  /** The order was signed for another chain id or settlement contract. */
  WRONG_DOMAIN(22),
  /** The order's expiry is at or before the block time. */
  ORDER_EXPIRED(23),
  /** The trader already used the nonce. */
  NONCE_REUSED(24),
  /** The same signed order was already accepted. */
  DUPLICATE_ORDER(25),
  /** A payload that cannot be decoded or is too large (for the sealed-order front end). */
  MALFORMED_PAYLOAD(26);

  private final int code;

  RejectReason(int code) {
    this.code = code;
  }

  /** The stable numeric code. */
  public int code() {
    return code;
  }

  /** The stable lower-case name, e.g. {@code price_off_tick}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
