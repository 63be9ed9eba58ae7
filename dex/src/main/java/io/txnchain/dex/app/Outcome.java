package io.txnchain.dex.app;

import io.txnchain.dex.engine.DexEvent;
import java.util.List;

/**
 * What one command did: the engine's events in order and, if it was refused, the refusal.
 *
 * @param events every event, the refusal included
 * @param rejection the {@code OrderRejected} or {@code TransferRejected} event, or {@code null}
 * @param mutated whether the engine changed although the command was refused (then the in-memory
 *     engine no longer matches the state the ledger keeps, and must be rebuilt)
 * @param tradeIds the ids of this command's trades, in order: {@code txId-0}, {@code txId-1}, ...
 */
record Outcome(List<DexEvent> events, DexEvent rejection, boolean mutated, List<String> tradeIds) {
  /** Copies the lists. */
  Outcome {
    events = List.copyOf(events);
    tradeIds = List.copyOf(tradeIds);
  }

  boolean accepted() {
    return rejection == null;
  }
}
