package io.txnchain.ledger.machine;

/** The last block: height 0 and zero hashes before the first block. */
public record ChainHead(long height, byte[] hash, byte[] stateRoot, long timeMillis) {
  public static ChainHead genesis() {
    return new ChainHead(0, new byte[32], new byte[32], 0);
  }
}
