package io.txnchain.wire.block;

import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger entry: a transaction with the outcome the enclave computed for it. The encoding of a
 * record is a leaf of its block's Merkle tree, so a receipt proves the transaction and its result
 * together.
 *
 * @param tx the signed transaction, as submitted
 * @param status whether it was applied
 * @param errorCode a stable reason when {@link TxStatus#FAILED}, else empty
 * @param errorMessage a human-readable reason without private data, else empty
 * @param output the result: plaintext for public inputs, a sealed box to the reply key for sealed
 *     ones, empty when there is nothing to release
 * @param outputHash SHA-256 of the plaintext result (empty when there is no result)
 * @param outputSealed true when {@code output} is sealed to the transaction's reply key
 * @param events public events the app emitted, in order
 */
public record TxRecord(
    Transaction tx,
    TxStatus status,
    String errorCode,
    String errorMessage,
    byte[] output,
    byte[] outputHash,
    boolean outputSealed,
    List<Event> events) {
  public static final int MAX_OUTPUT = Transaction.MAX_PAYLOAD;
  public static final int MAX_EVENTS = 10_000;

  public byte[] encode() {
    ByteWriter w = new ByteWriter(tx.encoded().length + output.length + 128);
    w.bytes(tx.encoded())
        .u8(status.code())
        .string(errorCode)
        .string(errorMessage)
        .bytes(output)
        .bytes(outputHash)
        .bool(outputSealed)
        .u32(events.size());
    for (Event e : events) {
      w.string(e.app()).string(e.type()).bytes(e.data());
    }
    return w.toByteArray();
  }

  public static TxRecord decode(byte[] bytes) throws WireFormatException {
    ByteReader r = new ByteReader(bytes);
    Transaction tx = Transaction.decode(r.bytes(Transaction.MAX_PAYLOAD + 4096, "tx"));
    TxStatus status = TxStatus.fromCode(r.u8("status"));
    String errorCode = r.string(64, "errorCode");
    String errorMessage = r.string(1024, "errorMessage");
    byte[] output = r.bytes(MAX_OUTPUT, "output");
    byte[] outputHash = r.fixedOrEmpty(32, "outputHash");
    boolean outputSealed = r.bool("outputSealed");
    int n = r.u32("events");
    if (n < 0 || n > MAX_EVENTS) {
      throw new WireFormatException("too many events: " + n);
    }
    List<Event> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(
          new Event(
              r.string(64, "event app"),
              r.string(64, "event type"),
              r.bytes(MAX_OUTPUT, "event data")));
    }
    r.end("transaction record");
    return new TxRecord(
        tx, status, errorCode, errorMessage, output, outputHash, outputSealed, List.copyOf(events));
  }
}
