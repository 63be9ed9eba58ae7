package io.txnchain.acceptance;

import io.txnchain.client.sdk.Transactions;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The plain writes the network tests count on: signed data transactions from one fresh key, with
 * client ids {@code <prefix>-1}, {@code <prefix>-2}, … (so a retry of the same bytes is the same
 * transaction) and bodies {@code tx 1}, {@code tx 2}, ….
 */
final class DataWrites {
  private final String prefix;
  private final Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
  private int counter;

  DataWrites(String prefix) {
    this.prefix = prefix;
  }

  Transaction next() {
    counter++;
    return Transactions.data(
        LocalCluster.CHAIN,
        prefix + "-" + counter,
        ("tx " + counter).getBytes(StandardCharsets.UTF_8),
        false,
        key);
  }
}
