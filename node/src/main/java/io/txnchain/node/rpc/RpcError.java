package io.txnchain.node.rpc;

import io.txnchain.ledger.machine.RejectCode;

/**
 * Every JSON-RPC error the node returns, with its stable numeric code. docs/api.md lists the same
 * table; a test keeps the two in step.
 */
public enum RpcError {
  PARSE_ERROR(-32700, "request body is not valid JSON"),
  INVALID_REQUEST(-32600, "not a JSON-RPC 2.0 request"),
  METHOD_NOT_FOUND(-32601, "no such method"),
  INVALID_PARAMS(-32602, "missing or mistyped parameters"),
  INTERNAL_ERROR(-32603, "the node failed to handle the request"),
  PAYLOAD_TOO_LARGE(-32001, "request or payload exceeds the configured limit"),
  NOT_READY(-32002, "the node is not ready"),
  OVERLOADED(-32003, "too many pending transactions; retry later"),
  QUOTA_EXCEEDED(-32005, "the app's quota on this node is used up; retry later or elsewhere"),
  NOT_COMMITTED(
      -32004,
      "not committed in time (no leader or no majority); it may still commit: retry with the same"
          + " client id"),
  MALFORMED_TRANSACTION(-32010, "transaction bytes do not decode"),
  WRONG_CHAIN(-32011, "transaction is for another chain"),
  BAD_SIGNATURE(-32012, "signature is invalid or by another key"),
  DUPLICATE_TRANSACTION(-32013, "a transaction with this id is already on the ledger"),
  SEALED_FOR_ANOTHER_KEY(-32014, "payload is sealed to another enclave key"),
  SEALED_PAYLOAD_UNREADABLE(-32015, "sealed payload cannot be opened"),
  WRONG_KIND(-32016, "transaction kind does not match the method"),
  UNKNOWN_APP(-32020, "no enclave app with this name"),
  APP_MEASUREMENT_MISMATCH(-32021, "the app's measurement differs from the one named"),
  APP_REJECTED(-32022, "the app refused the input"),
  NOT_FOUND(-32030, "no such transaction, work order or block"),
  JOIN_REFUSED(-32040, "the joining node's evidence was not accepted"),
  RECOVERY_UNAVAILABLE(-32041, "no recovery shares can be made: no member has a recovery key");

  private final int code;
  private final String summary;

  RpcError(int code, String summary) {
    this.code = code;
    this.summary = summary;
  }

  public int code() {
    return code;
  }

  public String summary() {
    return summary;
  }

  /** The error with this numeric code, for answers relayed from another node. */
  public static java.util.Optional<RpcError> byCode(int code) {
    for (RpcError e : values()) {
      if (e.code == code) {
        return java.util.Optional.of(e);
      }
    }
    return java.util.Optional.empty();
  }

  /** The API error for a state-machine rejection. */
  public static RpcError of(RejectCode code) {
    return switch (code) {
      case MALFORMED_TRANSACTION -> MALFORMED_TRANSACTION;
      case WRONG_CHAIN -> WRONG_CHAIN;
      case BAD_SIGNATURE -> BAD_SIGNATURE;
      case DUPLICATE_TRANSACTION -> DUPLICATE_TRANSACTION;
      case PAYLOAD_TOO_LARGE -> PAYLOAD_TOO_LARGE;
      case UNKNOWN_APP -> UNKNOWN_APP;
      case APP_MEASUREMENT_MISMATCH -> APP_MEASUREMENT_MISMATCH;
      case SEALED_FOR_ANOTHER_KEY -> SEALED_FOR_ANOTHER_KEY;
      case SEALED_PAYLOAD_UNREADABLE -> SEALED_PAYLOAD_UNREADABLE;
      case APP_REJECTED -> APP_REJECTED;
    };
  }
}
