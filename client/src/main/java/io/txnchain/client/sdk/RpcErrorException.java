package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The node refused a request with a JSON-RPC error object. {@link #code()} and {@link #name()} are
 * stable (docs/api.md); {@link #data()} carries the structured details, such as {@code txId} and
 * {@code height} of a {@code DUPLICATE_TRANSACTION}.
 */
public final class RpcErrorException extends TxnChainException {
  private static final long serialVersionUID = 1L;

  /** The code of {@code DUPLICATE_TRANSACTION}: the transaction id is already on the ledger. */
  public static final int DUPLICATE_TRANSACTION = -32013;

  /** The code of {@code NOT_FOUND}: no such transaction, work order or block. */
  public static final int NOT_FOUND = -32030;

  /** The code of {@code NOT_READY}: the node has not joined or caught up yet. */
  public static final int NOT_READY = -32002;

  /** The code of {@code OVERLOADED}: too many pending transactions, nothing was recorded. */
  public static final int OVERLOADED = -32003;

  private final int code;
  private final String name;
  private final transient JsonNode data;

  public RpcErrorException(int code, String name, String message, JsonNode data) {
    super(message);
    this.code = code;
    this.name = name;
    this.data = data == null ? MissingNode.getInstance() : data;
  }

  /** Reads a JSON-RPC error object; the name comes from {@code data.error}. */
  public static RpcErrorException fromJson(JsonNode error) {
    int code = error.path("code").asInt(0);
    JsonNode data = error.get("data");
    String name =
        data != null && data.path("error").isTextual()
            ? data.get("error").asText()
            : standardName(code);
    return new RpcErrorException(code, name, error.path("message").asText(""), data);
  }

  /** The JSON-RPC 2.0 name of a standard code, for errors that carry no {@code data.error}. */
  static String standardName(int code) {
    return switch (code) {
      case -32700 -> "PARSE_ERROR";
      case -32600 -> "INVALID_REQUEST";
      case -32601 -> "METHOD_NOT_FOUND";
      case -32602 -> "INVALID_PARAMS";
      case -32603 -> "INTERNAL_ERROR";
      default -> "UNKNOWN_ERROR";
    };
  }

  public int code() {
    return code;
  }

  /** The stable error name, such as {@code BAD_SIGNATURE}. */
  public String name() {
    return name;
  }

  /** The error's {@code data} object; a missing node when the node sent none. */
  public JsonNode data() {
    return data;
  }

  /** The conventional one-line form: {@code error CODE NAME: message}. */
  public String describe() {
    return "error " + code + " " + name + ": " + getMessage();
  }
}
