package io.txnchain.dex.app;

/** A read-only request; answering it changes nothing. */
sealed interface Query extends Request {
  /** Markets, tokens, fees and the EIP-712 domain. Public. */
  record Markets() implements Query {}

  /** The aggregated price levels of a market, up to {@code depth} per side. Public. */
  record Book(String market, int depth) implements Query {}

  /** A market's most recent trades, newest first, up to {@code limit}. Public. */
  record Trades(String market, int limit) implements Query {}

  /** The caller's open orders, in one market or all ({@code null}). Sealed requests only. */
  record Orders(String market) implements Query {}

  /** The caller's balances. Sealed requests only. */
  record Balances() implements Query {}
}
