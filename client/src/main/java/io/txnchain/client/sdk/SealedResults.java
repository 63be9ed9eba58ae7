package io.txnchain.client.sdk;

import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Opens work-order results that an enclave sealed to the sender's {@link UserKey#replyKey()}. */
public final class SealedResults {
  private SealedResults() {}

  /** Opens the sealed result of a recorded work order. */
  public static byte[] open(UserKey key, String chainId, TxResult result) {
    return open(key, chainId, result.id(), result.sealedResult(), result.outputSha256());
  }

  /**
   * Opens a sealed result and checks it against the SHA-256 the ledger recorded for it.
   *
   * @throws SealedResultException if the box is addressed to another key, fails authentication
   *     (tampered, or bound to another transaction or chain), or its plaintext differs from the
   *     recorded hash
   */
  public static byte[] open(
      UserKey key, String chainId, String txId, byte[] sealedResult, byte[] outputSha256) {
    if (outputSha256 == null || outputSha256.length != 32) {
      throw new SealedResultException("the sealed result comes without its outputSha256", false);
    }
    byte[] plaintext;
    try {
      plaintext =
          SealedBox.open(
              key.replyKey(),
              Transaction.resultInfo(chainId),
              txId.getBytes(StandardCharsets.US_ASCII),
              sealedResult);
    } catch (SealedBoxException e) {
      boolean wrongRecipient = e.reason() == SealedBoxException.Reason.WRONG_RECIPIENT;
      throw new SealedResultException(
          wrongRecipient
              ? "the result is sealed to another key than " + key.address() + "'s reply key"
              : "the sealed result does not open: " + e.getMessage(),
          wrongRecipient);
    }
    if (!MessageDigest.isEqual(Hashes.sha256(plaintext), outputSha256)) {
      throw new SealedResultException(
          "the opened result does not match its recorded outputSha256", false);
    }
    return plaintext;
  }
}
