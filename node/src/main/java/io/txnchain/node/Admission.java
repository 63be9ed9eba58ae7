package io.txnchain.node;

import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.ledger.machine.AppRegistry;
import io.txnchain.ledger.machine.RegisteredApp;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.TxLocation;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.node.rpc.RpcException;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The host's cheap checks before a transaction is ordered, so that obviously bad requests get an
 * answer at once and never reach the log. Only public information is used: sealed payloads are
 * checked by their header, never opened. The enclave repeats every check that matters, plus the
 * signature.
 */
final class Admission {
  private final String chainId;
  private final int maxPayload;
  private final byte[] enclaveKeyId;
  private final AppRegistry apps;
  private final LedgerStore store;

  Admission(
      String chainId,
      int maxPayload,
      byte[] enclaveEncryptionKey,
      AppRegistry apps,
      LedgerStore store) {
    this.chainId = chainId;
    this.maxPayload = maxPayload;
    this.enclaveKeyId = SealedBox.recipientKeyId(enclaveEncryptionKey);
    this.apps = apps;
    this.store = store;
  }

  Transaction check(byte[] encoded, TxKind expected) throws RpcException {
    Transaction tx;
    try {
      tx = Transaction.decode(encoded);
    } catch (WireFormatException e) {
      throw new RpcException(
          RpcError.MALFORMED_TRANSACTION, "transaction does not decode: " + e.getMessage());
    }
    if (tx.kind() != expected) {
      throw new RpcException(
          RpcError.WRONG_KIND,
          "this method takes "
              + expected.name().toLowerCase(java.util.Locale.ROOT)
              + " transactions, not "
              + tx.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!tx.chainId().equals(chainId)) {
      throw new RpcException(
          RpcError.WRONG_CHAIN,
          "transaction is for chain '" + tx.chainId() + "', this is '" + chainId + "'");
    }
    if (tx.payload().length > maxPayload) {
      throw new RpcException(
          RpcError.PAYLOAD_TOO_LARGE,
          "payload of " + tx.payload().length + " bytes exceeds the limit of " + maxPayload,
          Map.of("limit", maxPayload));
    }
    if (tx.sealed()) {
      try {
        if (!MessageDigest.isEqual(SealedBox.recipientKeyIdOf(tx.payload()), enclaveKeyId)) {
          throw new RpcException(
              RpcError.SEALED_FOR_ANOTHER_KEY,
              "payload is sealed to another key than this network's enclave key; fetch the key"
                  + " with node_getEvidence");
        }
      } catch (SealedBoxException e) {
        throw new RpcException(RpcError.SEALED_PAYLOAD_UNREADABLE, "sealed payload is malformed");
      }
    }
    if (tx.kind() == TxKind.WORK_ORDER) {
      RegisteredApp app = apps.get(tx.app());
      if (app == null) {
        throw new RpcException(RpcError.UNKNOWN_APP, "no app named '" + tx.app() + "'");
      }
      if (tx.appMeasurement().length > 0
          && !MessageDigest.isEqual(tx.appMeasurement(), app.measurement())) {
        throw new RpcException(
            RpcError.APP_MEASUREMENT_MISMATCH,
            "app '" + tx.app() + "' has a different measurement than the work order names");
      }
    }
    Optional<TxLocation> existing = store.locate(tx.id());
    if (existing.isPresent()) {
      throw duplicate(tx.id(), existing.get().height());
    }
    return tx;
  }

  static RpcException duplicate(String txId, long height) {
    return new RpcException(
        RpcError.DUPLICATE_TRANSACTION,
        "transaction " + txId + " is already on the ledger",
        Map.of("txId", txId, "height", height));
  }
}
