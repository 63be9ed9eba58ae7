package io.txnchain.ledger.machine;

import io.txnchain.ledger.state.WriteSet;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.BlockSignature;
import java.util.List;

/**
 * What applying a batch produced, ready to be stored atomically: the signed header (absent when no
 * transaction of the batch was recorded), the encoded records, the state writes (private values
 * already sealed for storage), and one outcome per transaction of the batch.
 */
public record BlockCommit(
    BlockHeader header,
    BlockSignature signature,
    List<byte[]> records,
    List<String> recordTxIds,
    WriteSet publicWrites,
    WriteSet sealedPrivateWrites,
    List<TxOutcome> outcomes) {

  /** True when the batch produced a block. */
  public boolean hasBlock() {
    return header != null;
  }
}
