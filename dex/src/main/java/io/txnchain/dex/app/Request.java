package io.txnchain.dex.app;

/** A decoded input: either a command that changes the exchange or a read-only query. */
sealed interface Request permits AppCommand, Query {}
