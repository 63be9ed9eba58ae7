package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The recorded outcome of a transaction or work order, as {@code txn_getResult} and {@code
 * txn_process} return it. The JSON is kept whole so that callers can print fields this version does
 * not know.
 */
public record TxResult(JsonNode json) {

  /** The work-order id, or the transaction id of a data transaction. */
  public String id() {
    return json.hasNonNull("workOrderId")
        ? json.get("workOrderId").asText()
        : json.path("txId").asText(null);
  }

  /** {@code data} or {@code work_order}. */
  public String kind() {
    return json.path("kind").asText("");
  }

  public long height() {
    return json.path("height").asLong(-1);
  }

  public long index() {
    return json.path("index").asLong(-1);
  }

  /** {@code ok} or {@code failed}. */
  public String status() {
    return json.path("status").asText("");
  }

  /** The node that ran the work order; present in {@code txn_process} answers only. */
  public Optional<String> node() {
    return Optional.ofNullable(json.get("node")).map(JsonNode::asText);
  }

  /** Whether the result is sealed to the sender's reply key. */
  public boolean sealed() {
    return json.path("sealed").asBoolean(false);
  }

  /** The sealed result box; empty when the result is public. */
  public byte[] sealedResult() {
    return hex("sealedResult");
  }

  /** SHA-256 of the plaintext result; empty when there is no result. */
  public byte[] outputSha256() {
    return hex("outputSha256");
  }

  /** The public result; a missing node when sealed or absent. */
  public JsonNode result() {
    return json.path("result");
  }

  private byte[] hex(String field) {
    JsonNode v = json.get(field);
    return v == null || !v.isTextual() ? new byte[0] : HexFormat.of().parseHex(v.asText());
  }
}
