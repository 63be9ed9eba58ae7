package io.txnchain.settlement.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.sdk.AppInfo;
import io.txnchain.client.sdk.NodeUnreachableException;
import io.txnchain.client.sdk.RpcErrorException;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxResult;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.TxnChainException;
import io.txnchain.client.sdk.UserKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The dex app through a node's JSON-RPC API: each input is an unsealed work order (what the bridge
 * reports is public on the chain anyway) signed by the operator's key.
 */
public final class NodeLedgerPort implements LedgerPort {
  private static final String APP = "dex";

  private final TxnChainClient client;
  private final UserKey operator;
  private final SecureRandom random = new SecureRandom();
  private String chainId;
  private byte[] measurement;

  /** Work orders to the node behind {@code client}, signed by {@code operator}. */
  public NodeLedgerPort(TxnChainClient client, UserKey operator) {
    this.client = client;
    this.operator = operator;
  }

  @Override
  public JsonNode process(String input) throws LedgerRejectedException, LedgerUnavailableException {
    try {
      if (chainId == null) {
        chainId = client.head().chainId();
        measurement =
            client.apps().stream()
                .filter(a -> a.name().equals(APP))
                .findFirst()
                .map(AppInfo::measurementBytes)
                .orElseThrow(
                    () -> new LedgerUnavailableException("the node hosts no dex app", null));
      }
      TxResult r =
          client.process(
              Transactions.workOrder(
                  chainId,
                  Transactions.randomClientId(random),
                  APP,
                  measurement,
                  input.getBytes(StandardCharsets.UTF_8),
                  false,
                  operator.replyKey().publicKey(),
                  operator.keyPair()));
      return r.result();
    } catch (RpcErrorException e) {
      if (e.name().equals("APP_REJECTED")) {
        String m = e.getMessage();
        int colon = m.indexOf(':');
        throw new LedgerRejectedException(
            colon > 0 ? m.substring(0, colon).trim() : m,
            colon > 0 ? m.substring(colon + 1).trim() : m);
      }
      throw new LedgerUnavailableException(e.name() + ": " + e.getMessage(), e);
    } catch (NodeUnreachableException e) {
      throw new LedgerUnavailableException(e.getMessage(), e);
    } catch (TxnChainException e) {
      throw new LedgerUnavailableException(e.getMessage(), e);
    }
  }
}
