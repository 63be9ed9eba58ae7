package io.txnchain.wire.block;

import io.txnchain.crypto.Hashes;
import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import java.nio.charset.StandardCharsets;

/**
 * The header of a block: what enclaves sign and receipts prove against.
 *
 * @param height 1 for the first block after genesis
 * @param prevHash the hash of the previous header; 32 zero bytes for the first block
 * @param txRoot RFC 9162 Merkle root over the block's {@link TxRecord} encodings, in order
 * @param stateRoot commitment to the state after this block (see docs/ledger-format.md)
 * @param txCount number of records in the block, the size of the tree behind {@code txRoot}
 * @param timeMillis the proposer's time, carried in the block so that no replica reads a clock
 */
public record BlockHeader(
    int version,
    String chainId,
    long height,
    byte[] prevHash,
    byte[] txRoot,
    byte[] stateRoot,
    long txCount,
    long timeMillis) {
  public static final int VERSION = 1;
  private static final byte[] SIGNING_DOMAIN =
      "txnchain/block-header/v1".getBytes(StandardCharsets.US_ASCII);

  public byte[] encode() {
    return new ByteWriter(160)
        .u8(version)
        .string(chainId)
        .u64(height)
        .raw(prevHash)
        .raw(txRoot)
        .raw(stateRoot)
        .u64(txCount)
        .u64(timeMillis)
        .toByteArray();
  }

  public static BlockHeader decode(byte[] bytes) throws WireFormatException {
    ByteReader r = new ByteReader(bytes);
    int version = r.u8("version");
    if (version != VERSION) {
      throw new WireFormatException("unsupported block header version " + version);
    }
    BlockHeader h =
        new BlockHeader(
            version,
            r.string(64, "chainId"),
            r.u64("height"),
            r.raw(32, "prevHash"),
            r.raw(32, "txRoot"),
            r.raw(32, "stateRoot"),
            r.u64("txCount"),
            r.u64("timeMillis"));
    r.end("block header");
    return h;
  }

  /** SHA-256 of the encoding: the block hash. */
  public byte[] hash() {
    return Hashes.sha256(encode());
  }

  /** The message an enclave signs for this header. */
  public byte[] signingMessage() {
    return signingMessage(hash());
  }

  /** The message an enclave signs for the header whose {@link #hash()} is {@code headerHash}. */
  public static byte[] signingMessage(byte[] headerHash) {
    return Hashes.sha256(SIGNING_DOMAIN, headerHash);
  }
}
