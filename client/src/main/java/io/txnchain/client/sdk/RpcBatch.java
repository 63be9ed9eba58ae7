package io.txnchain.client.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC batch under construction. Encoding it once and sending the bytes later keeps the cost
 * of building requests out of anything timed around {@link TxnChainClient#sendBatchAsync}.
 */
public final class RpcBatch {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ArrayNode calls = MAPPER.createArrayNode();

  /** Adds a call; ids must be unique within the batch to match the answers. */
  public RpcBatch add(long id, String method, ObjectNode params) {
    ObjectNode call = calls.addObject();
    call.put("jsonrpc", "2.0");
    call.put("id", id);
    call.put("method", method);
    call.set("params", params);
    return this;
  }

  /** A {@code txn_submit} call for a signed transaction. */
  public RpcBatch addSubmit(long id, byte[] encodedTx) {
    ObjectNode params = MAPPER.createObjectNode();
    params.put("tx", java.util.HexFormat.of().formatHex(encodedTx));
    return add(id, "txn_submit", params);
  }

  /** A {@code txn_process} call for a signed work order. */
  public RpcBatch addProcess(long id, byte[] encodedTx) {
    ObjectNode params = MAPPER.createObjectNode();
    params.put("tx", java.util.HexFormat.of().formatHex(encodedTx));
    return add(id, "txn_process", params);
  }

  public int size() {
    return calls.size();
  }

  /** The request body. */
  public byte[] encode() {
    try {
      return MAPPER.writeValueAsBytes(calls);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
