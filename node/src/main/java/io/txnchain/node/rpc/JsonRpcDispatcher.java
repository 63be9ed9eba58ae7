package io.txnchain.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 over a request body: single calls and batches, notifications (no id, no answer), and
 * error objects with the stable codes of {@link RpcError}. Unexpected failures are logged here and
 * answered with {@link RpcError#INTERNAL_ERROR}, never with a stack trace.
 */
public final class JsonRpcDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDispatcher.class);
  private final ObjectMapper mapper;
  private final SortedMap<String, RpcMethod> methods = new TreeMap<>();
  private java.util.function.Function<String, RpcException> guard = name -> null;

  public JsonRpcDispatcher(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Consulted before every call with the method's name: a non-null answer refuses the call with
   * that error (a node that must not serve some methods, for example after diverging).
   */
  public JsonRpcDispatcher guard(java.util.function.Function<String, RpcException> guard) {
    this.guard = guard;
    return this;
  }

  public JsonRpcDispatcher register(String name, RpcMethod method) {
    methods.put(name, method);
    return this;
  }

  /** The registered method names. */
  public List<String> methodNames() {
    return List.copyOf(methods.keySet());
  }

  /** Handles one HTTP body; the future's value is the JSON to return, or null for no content. */
  public CompletableFuture<JsonNode> handle(String body) {
    JsonNode request;
    try {
      request = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return CompletableFuture.completedFuture(
          error(
              NullNode.getInstance(), RpcError.PARSE_ERROR, RpcError.PARSE_ERROR.summary(), null));
    }
    if (request == null) {
      return CompletableFuture.completedFuture(
          error(NullNode.getInstance(), RpcError.PARSE_ERROR, "empty request body", null));
    }
    if (request.isArray()) {
      if (request.isEmpty()) {
        return CompletableFuture.completedFuture(
            error(NullNode.getInstance(), RpcError.INVALID_REQUEST, "empty batch", null));
      }
      List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
      for (JsonNode r : request) {
        calls.add(handleOne(r));
      }
      return CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
          .thenApply(
              v -> {
                ArrayNode out = mapper.createArrayNode();
                for (CompletableFuture<JsonNode> c : calls) {
                  JsonNode n = c.join();
                  if (n != null) {
                    out.add(n);
                  }
                }
                return out.isEmpty() ? null : out;
              });
    }
    return handleOne(request);
  }

  private CompletableFuture<JsonNode> handleOne(JsonNode request) {
    if (!request.isObject()
        || !"2.0".equals(request.path("jsonrpc").asText(null))
        || !request.path("method").isTextual()) {
      JsonNode id = request.isObject() ? request.path("id") : NullNode.getInstance();
      return CompletableFuture.completedFuture(
          error(
              validId(id),
              RpcError.INVALID_REQUEST,
              "expected {jsonrpc:\"2.0\", method, params, id}",
              null));
    }
    boolean notification = !request.has("id");
    JsonNode id = validId(request.path("id"));
    String name = request.get("method").asText();
    RpcMethod method = methods.get(name);
    if (method == null) {
      return answer(
          notification, error(id, RpcError.METHOD_NOT_FOUND, "no method '" + name + "'", null));
    }
    JsonNode params = request.has("params") ? request.get("params") : mapper.createObjectNode();
    if (!params.isObject()) {
      return answer(
          notification, error(id, RpcError.INVALID_PARAMS, "params must be an object", null));
    }
    RpcException refused = guard.apply(name);
    if (refused != null) {
      return answer(notification, error(id, refused.error(), refused.getMessage(), refused.data()));
    }
    CompletableFuture<Object> result;
    try {
      result = method.call(params);
    } catch (RpcException e) {
      return answer(notification, error(id, e.error(), e.getMessage(), e.data()));
    } catch (RuntimeException e) {
      LOG.error("method {} failed", name, e);
      return answer(
          notification,
          error(id, RpcError.INTERNAL_ERROR, RpcError.INTERNAL_ERROR.summary(), null));
    }
    return result.handle(
        (value, failure) -> {
          if (notification) {
            return null;
          }
          if (failure == null) {
            ObjectNode ok = mapper.createObjectNode();
            ok.put("jsonrpc", "2.0");
            ok.set("result", mapper.valueToTree(value));
            ok.set("id", id);
            return ok;
          }
          Throwable cause =
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
          if (cause instanceof RpcException e) {
            return error(id, e.error(), e.getMessage(), e.data());
          }
          LOG.error("method {} failed", name, cause);
          return error(id, RpcError.INTERNAL_ERROR, RpcError.INTERNAL_ERROR.summary(), null);
        });
  }

  private static CompletableFuture<JsonNode> answer(boolean notification, JsonNode response) {
    return CompletableFuture.completedFuture(notification ? null : response);
  }

  private static JsonNode validId(JsonNode id) {
    return id.isTextual() || id.isIntegralNumber() ? id : NullNode.getInstance();
  }

  /** A JSON-RPC error object. */
  public JsonNode error(JsonNode id, RpcError error, String message, Object data) {
    ObjectNode e = mapper.createObjectNode();
    e.put("code", error.code());
    e.put("message", message);
    ObjectNode d = mapper.createObjectNode();
    d.put("error", error.name());
    if (data instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> entry : m.entrySet()) {
        d.set(String.valueOf(entry.getKey()), mapper.valueToTree(entry.getValue()));
      }
    }
    e.set("data", d);
    ObjectNode out = mapper.createObjectNode();
    out.put("jsonrpc", "2.0");
    out.set("error", e);
    out.set("id", id);
    return out;
  }
}
