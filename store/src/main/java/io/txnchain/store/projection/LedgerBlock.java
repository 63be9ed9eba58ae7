package io.txnchain.store.projection;

import java.util.List;

/**
 * A ledger block as the projection sees it: its height, its time (set by the proposer, the same on
 * every node) and the applied transactions of the DEX app that emitted events, in ledger order.
 */
public record LedgerBlock(long height, long timeMillis, List<DexTx> txs) {
  public LedgerBlock {
    txs = List.copyOf(txs);
  }

  /**
   * One applied DEX transaction.
   *
   * @param sender the signer's address, lower-case {@code 0x} hex (public on the ledger)
   * @param events its events in order
   */
  public record DexTx(String txId, String sender, List<Event> events) {
    public DexTx {
      events = List.copyOf(events);
    }
  }

  /** An event: its type ({@code stream} or {@code orders}) and its JSON text. */
  public record Event(String type, String json) {}
}
