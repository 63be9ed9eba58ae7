package io.txnchain.client.sdk;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Builds and signs the two kinds of transaction a client sends. */
public final class Transactions {
  private Transactions() {}

  /** A random client id: 128 bits, so that independent clients never collide. */
  public static String randomClientId(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return "c-" + HexFormat.of().formatHex(b);
  }

  /** A {@code DATA} transaction; {@code payload} is already sealed when {@code sealed}. */
  public static Transaction data(
      String chainId, String clientId, byte[] payload, boolean sealed, Secp256k1KeyPair key) {
    return Transaction.sign(
        new Transaction.Unsigned(
            chainId, TxKind.DATA, clientId, "", new byte[0], sealed, payload, new byte[0]),
        key);
  }

  /**
   * A {@code WORK_ORDER} for an app pinned to {@code appMeasurement}; {@code replyKey} (the
   * sender's X25519 public key) is required when the input is sealed, so that the result is sealed
   * back.
   */
  public static Transaction workOrder(
      String chainId,
      String clientId,
      String app,
      byte[] appMeasurement,
      byte[] input,
      boolean sealed,
      byte[] replyKey,
      Secp256k1KeyPair key) {
    return Transaction.sign(
        new Transaction.Unsigned(
            chainId,
            TxKind.WORK_ORDER,
            clientId,
            app,
            appMeasurement,
            sealed,
            input,
            sealed ? replyKey : new byte[0]),
        key);
  }
}
