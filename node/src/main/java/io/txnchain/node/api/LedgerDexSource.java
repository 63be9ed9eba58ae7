package io.txnchain.node.api;

import io.txnchain.dex.app.DexApp;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.store.projection.LedgerBlock;
import io.txnchain.store.projection.LedgerSource;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.Event;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.block.TxStatus;
import io.txnchain.wire.codec.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The node's ledger as the projection reads it: applied DEX transactions and their events. */
final class LedgerDexSource implements LedgerSource {
  private final LedgerStore ledger;

  LedgerDexSource(LedgerStore ledger) {
    this.ledger = ledger;
  }

  @Override
  public long head() {
    return ledger.head().height();
  }

  @Override
  public LedgerBlock block(long height) {
    BlockHeader header =
        ledger
            .block(height)
            .orElseThrow(() -> new IllegalStateException("block " + height + " is not stored"))
            .header();
    List<LedgerBlock.DexTx> txs = new ArrayList<>();
    for (byte[] bytes : ledger.records(height)) {
      TxRecord r;
      try {
        r = TxRecord.decode(bytes);
      } catch (WireFormatException e) {
        throw new IllegalStateException("a record of block " + height + " does not decode", e);
      }
      if (r.status() != TxStatus.OK || r.events().isEmpty()) {
        continue;
      }
      List<LedgerBlock.Event> events = new ArrayList<>();
      for (Event e : r.events()) {
        if (e.app().equals(DexApp.NAME)) {
          events.add(new LedgerBlock.Event(e.type(), new String(e.data(), StandardCharsets.UTF_8)));
        }
      }
      if (!events.isEmpty()) {
        txs.add(
            new LedgerBlock.DexTx(
                r.tx().id(),
                r.tx().senderAddress().toChecksumHex().toLowerCase(Locale.ROOT),
                events));
      }
    }
    return new LedgerBlock(height, header.timeMillis(), txs);
  }
}
