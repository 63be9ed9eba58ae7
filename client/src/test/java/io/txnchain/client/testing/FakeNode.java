package io.txnchain.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC 2.0 server on loopback that answers registered methods, in the node's error format,
 * single calls and batches. It can drop connections and answer with raw bodies to exercise the
 * client's failure handling.
 */
public final class FakeNode implements AutoCloseable {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** A method body; throw {@link Failure} to answer with an error object. */
  @FunctionalInterface
  public interface Method {
    JsonNode call(JsonNode params) throws Failure;
  }

  /** A JSON-RPC error the fake answers with. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;
    final String name;
    final transient ObjectNode data;

    public Failure(int code, String name, String message) {
      this(code, name, message, MAPPER.createObjectNode());
    }

    public Failure(int code, String name, String message, ObjectNode data) {
      super(message);
      this.code = code;
      this.name = name;
      this.data = data;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, Method> methods = new ConcurrentHashMap<>();
  private final List<JsonNode> calls = new ArrayList<>();
  private final AtomicInteger dropNext = new AtomicInteger();
  private volatile int rawStatus;
  private volatile String rawBody;

  private FakeNode() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/rpc", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static FakeNode start() throws IOException {
    return new FakeNode();
  }

  public FakeNode on(String method, Method body) {
    methods.put(method, body);
    return this;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Closes the next {@code n} connections without an answer, as a crashing proxy would. */
  public void dropNext(int n) {
    dropNext.set(n);
  }

  /** Answers every request with this status and body from now on. */
  public void answerRaw(int status, String body) {
    rawStatus = status;
    rawBody = body;
  }

  /** Every call received so far (batch elements one by one), including dropped ones. */
  public synchronized List<JsonNode> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one method. */
  public List<JsonNode> calls(String method) {
    return calls().stream().filter(c -> method.equals(c.path("method").asText())).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode request = MAPPER.readTree(ex.getRequestBody().readAllBytes());
      synchronized (this) {
        if (request.isArray()) {
          request.forEach(calls::add);
        } else {
          calls.add(request);
        }
      }
      if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        // Closing without response headers makes the server drop the connection.
        return;
      }
      if (rawBody != null) {
        send(ex, rawStatus, rawBody);
        return;
      }
      JsonNode answer;
      if (request.isArray()) {
        ArrayNode out = MAPPER.createArrayNode();
        request.forEach(r -> out.add(answer(r)));
        answer = out;
      } else {
        answer = answer(request);
      }
      send(ex, 200, MAPPER.writeValueAsString(answer));
    }
  }

  private JsonNode answer(JsonNode request) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", request.path("id"));
    Method m = methods.get(request.path("method").asText());
    try {
      if (!"2.0".equals(request.path("jsonrpc").asText())) {
        throw new Failure(-32600, "INVALID_REQUEST", "not JSON-RPC 2.0");
      }
      if (m == null) {
        throw new Failure(-32601, "METHOD_NOT_FOUND", "no method " + request.path("method"));
      }
      out.set("result", m.call(request.path("params")));
    } catch (Failure f) {
      out.remove("result");
      out.set("error", error(f));
    } catch (RuntimeException e) {
      out.remove("result");
      out.set("error", error(new Failure(-32603, "INTERNAL_ERROR", e.toString())));
    }
    return out;
  }

  /** The node's error object shape: {code, message, data: {error: NAME, ...}}. */
  public static ObjectNode error(Failure f) {
    ObjectNode e = MAPPER.createObjectNode();
    e.put("code", f.code);
    e.put("message", f.getMessage());
    ObjectNode data = f.data.deepCopy();
    data.put("error", f.name);
    e.set("data", data);
    return e;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
