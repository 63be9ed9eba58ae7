package io.txnchain.node.sequencer;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;

/**
 * The work orders the network's nodes submit themselves (header signatures and evidence, directory
 * entries, recovery shares), signed with the key every node derives from the network secret: the
 * apps that take them accept that key only, so that no one outside the network can pose as a node.
 *
 * @param chainId the network's chain id
 * @param key the key derived from the network secret
 */
public record NetworkSubmitter(String chainId, Secp256k1KeyPair key) {

  /** An encoded, signed work order for {@code app} with {@code input} in clear. */
  public byte[] workOrder(String app, String clientId, byte[] input) {
    return Transaction.sign(
            new Transaction.Unsigned(
                chainId, TxKind.WORK_ORDER, clientId, app, new byte[0], false, input, new byte[0]),
            key)
        .encoded();
  }
}
