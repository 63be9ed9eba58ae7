package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to one call of a batch: a result, or the node's error.
 *
 * @param id the id the call was sent with
 * @param result the result; null when {@code error} is set
 * @param error the error; null on success
 */
public record RpcOutcome(long id, JsonNode result, RpcErrorException error) {

  public boolean ok() {
    return error == null;
  }
}
