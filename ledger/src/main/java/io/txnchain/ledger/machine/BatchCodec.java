package io.txnchain.ledger.machine;

import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a batch as it travels through the replicated log, and of the answer the applying
 * node returns to the proposer. Both are versioned: a replica refuses an entry it cannot read
 * rather than apply something else.
 */
public final class BatchCodec {
  private static final int VERSION = 1;
  private static final int MAX_TRANSACTIONS = 100_000;

  private BatchCodec() {}

  public static byte[] encode(Batch batch) {
    int size = 16;
    for (byte[] tx : batch.transactions()) {
      size += 4 + tx.length;
    }
    ByteWriter w = new ByteWriter(size).u8(VERSION).u64(batch.proposedTimeMillis());
    w.u32(batch.transactions().size());
    for (byte[] tx : batch.transactions()) {
      w.bytes(tx);
    }
    return w.toByteArray();
  }

  public static Batch decode(byte[] entry) throws WireFormatException {
    ByteReader r = new ByteReader(entry);
    int version = r.u8("batch version");
    if (version != VERSION) {
      throw new WireFormatException("unsupported batch version " + version);
    }
    long time = r.u64("time");
    int n = r.u32("transaction count");
    if (n < 0 || n > MAX_TRANSACTIONS) {
      throw new WireFormatException("bad transaction count " + n);
    }
    List<byte[]> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(r.bytes(Transaction.MAX_PAYLOAD + 4096, "transaction"));
    }
    r.end("batch");
    return new Batch(time, txs);
  }

  /** The answer to a proposer: the height the batch reached and one outcome per transaction. */
  public record Result(long height, List<TxOutcome> outcomes) {}

  public static byte[] encodeResult(Result result) {
    ByteWriter w = new ByteWriter(16 + 80 * result.outcomes().size()).u8(VERSION);
    w.u64(result.height()).u32(result.outcomes().size());
    for (TxOutcome o : result.outcomes()) {
      w.string(o.txId() == null ? "" : o.txId());
      if (o.isRecorded()) {
        w.u8(1).u32(o.recordIndex());
      } else {
        w.u8(0).string(o.code().name()).string(o.message());
      }
    }
    return w.toByteArray();
  }

  public static Result decodeResult(byte[] bytes) throws WireFormatException {
    ByteReader r = new ByteReader(bytes);
    if (r.u8("result version") != VERSION) {
      throw new WireFormatException("unsupported result version");
    }
    long height = r.u64("height");
    int n = r.u32("outcome count");
    if (n < 0 || n > MAX_TRANSACTIONS) {
      throw new WireFormatException("bad outcome count " + n);
    }
    List<TxOutcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String txId = r.string(80, "txId");
      String id = txId.isEmpty() ? null : txId;
      if (r.bool("recorded")) {
        outcomes.add(TxOutcome.recorded(id, r.u32("record index")));
      } else {
        RejectCode code;
        String name = r.string(64, "reject code");
        try {
          code = RejectCode.valueOf(name);
        } catch (IllegalArgumentException e) {
          throw new WireFormatException("unknown reject code " + name);
        }
        outcomes.add(TxOutcome.rejected(id, code, r.string(4096, "message")));
      }
    }
    r.end("result");
    return new Result(height, List.copyOf(outcomes));
  }
}
