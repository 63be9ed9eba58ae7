package io.txnchain.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/** One JSON-RPC method: parameters in, a result or an {@link RpcException} out. */
@FunctionalInterface
public interface RpcMethod {
  CompletableFuture<Object> call(JsonNode params) throws RpcException;
}
