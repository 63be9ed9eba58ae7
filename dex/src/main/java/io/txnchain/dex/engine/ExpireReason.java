package io.txnchain.dex.engine;

/** Why an accepted order's open quantity expired. */
public enum ExpireReason {
  /** An IOC, FOK or market order could not fill all at once; the rest does not rest. */
  UNFILLED_IMMEDIATE,
  /** Self-trade prevention removed it. */
  SELF_TRADE_PREVENTION
}
