package io.txnchain.dex.settlement;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.OrderEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * EIP-712 encoding of a {@link Batch}, word by word, exactly as the settlement contract's {@code
 * hashBatch} computes it. The domain is the orders' domain ({@code "Pixie DEX"}, {@code "1"}, the
 * settlement chain id and contract).
 */
public final class BatchEncoder {
  /** The delta struct type. */
  public static final String DELTA_TYPE = "Delta(address account,address token,int256 amount)";

  /** The withdrawal struct type. */
  public static final String WITHDRAWAL_TYPE =
      "Withdrawal(uint64 withdrawalId,address account,address token,uint256 amount)";

  /** The batch type followed by the types it references, in alphabetical order (EIP-712). */
  public static final String BATCH_TYPE =
      "Batch(uint64 batchId,bytes32 tradesHash,Delta[] deltas,Withdrawal[] withdrawals)"
          + DELTA_TYPE
          + WITHDRAWAL_TYPE;

  private static final byte[] DELTA_TYPEHASH = keccak(DELTA_TYPE);
  private static final byte[] WITHDRAWAL_TYPEHASH = keccak(WITHDRAWAL_TYPE);
  private static final byte[] BATCH_TYPEHASH = keccak(BATCH_TYPE);

  private BatchEncoder() {}

  /** The digest the enclave signs: {@code keccak256(0x1901 || domainSeparator || hashStruct)}. */
  public static byte[] digest(Eip712Domain domain, Batch batch) {
    return Hashes.keccak256(
        new byte[] {0x19, 0x01}, OrderEncoder.domainSeparator(domain), hashStruct(batch));
  }

  /** {@code hashStruct(batch)}. */
  public static byte[] hashStruct(Batch batch) {
    return Hashes.keccak256(
        BATCH_TYPEHASH,
        uint(batch.batchId()),
        batch.tradesHash(),
        hashDeltas(batch.deltas()),
        hashWithdrawals(batch.withdrawals()));
  }

  private static byte[] hashDeltas(List<Delta> deltas) {
    byte[] all = new byte[32 * deltas.size()];
    for (int i = 0; i < deltas.size(); i++) {
      Delta d = deltas.get(i);
      byte[] h =
          Hashes.keccak256(
              DELTA_TYPEHASH, address(d.account()), address(d.token()), sint(d.amount()));
      System.arraycopy(h, 0, all, 32 * i, 32);
    }
    return Hashes.keccak256(all);
  }

  private static byte[] hashWithdrawals(List<Withdrawal> withdrawals) {
    byte[] all = new byte[32 * withdrawals.size()];
    for (int i = 0; i < withdrawals.size(); i++) {
      Withdrawal w = withdrawals.get(i);
      byte[] h =
          Hashes.keccak256(
              WITHDRAWAL_TYPEHASH,
              uint(w.withdrawalId()),
              address(w.account()),
              address(w.token()),
              uint(w.amount()));
      System.arraycopy(h, 0, all, 32 * i, 32);
    }
    return Hashes.keccak256(all);
  }

  private static byte[] keccak(String s) {
    return Hashes.keccak256(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] address(EthAddress a) {
    byte[] w = new byte[32];
    System.arraycopy(a.bytes20(), 0, w, 12, 20);
    return w;
  }

  private static byte[] uint(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative unsigned value");
    }
    return sint(v);
  }

  /** Two's complement over 32 bytes: negative values are sign-extended, as int256 is. */
  private static byte[] sint(long v) {
    byte[] w = new byte[32];
    if (v < 0) {
      Arrays.fill(w, 0, 24, (byte) 0xff);
    }
    for (int i = 0; i < 8; i++) {
      w[31 - i] = (byte) (v >>> (8 * i));
    }
    return w;
  }
}
