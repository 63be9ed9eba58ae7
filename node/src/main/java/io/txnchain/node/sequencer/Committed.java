package io.txnchain.node.sequencer;

import io.txnchain.ledger.machine.TxOutcome;

/** The outcome of one submitted transaction, with the height of its block when recorded. */
public record Committed(TxOutcome outcome, long height) {}
