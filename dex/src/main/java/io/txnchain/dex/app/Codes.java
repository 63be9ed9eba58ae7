package io.txnchain.dex.app;

/**
 * The DEX app's own reason codes. The engine's refusals keep the engine's names ({@code
 * RejectReason#wireName()}, e.g. {@code price_off_tick}); docs/dex.md lists both.
 */
final class Codes {
  /** Not valid UTF-8 JSON, or not one JSON object. */
  static final String MALFORMED_INPUT = "malformed_input";

  /** {@code op} is not one of the app's operations. */
  static final String UNKNOWN_OP = "unknown_op";

  /** A field is missing, mistyped, out of range or unknown; the message names it. */
  static final String INVALID_FIELD = "invalid_field";

  /** The order's trader is not the address that signed the transaction. */
  static final String CALLER_MISMATCH = "caller_mismatch";

  /** {@code deposit} on a network without the development faucet. */
  static final String FAUCET_DISABLED = "faucet_disabled";

  /** {@code orders} or {@code balances} asked for without sealing the request. */
  static final String PRIVATE_QUERY_REQUIRES_SEAL = "private_query_requires_seal";

  /** A governance-only operation (such as {@code setFees}) sent as an ordinary transaction. */
  static final String GOVERNANCE_ONLY = "governance_only";

  /** {@code setFees} above the market's listed schedule, which resting buy orders locked for. */
  static final String FEE_ABOVE_CAP = "fee_above_cap";

  private Codes() {}
}
