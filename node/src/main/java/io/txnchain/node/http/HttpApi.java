package io.txnchain.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.txnchain.node.rpc.JsonRpcDispatcher;
import io.txnchain.node.rpc.RpcError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP surface: JSON-RPC at {@code /rpc}, health at {@code /livez} and {@code /readyz},
 * Prometheus metrics at {@code /metrics}, the OpenAPI description, and Pixie Console at {@code /}.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private final Javalin app;
  private final String host;
  private final int port;

  /**
   * @param maxPayload the largest transaction payload; a request may be a little over twice that
   *     (hex) plus a margin
   */
  public HttpApi(
      JsonRpcDispatcher rpc,
      ObjectMapper mapper,
      PrometheusMeterRegistry metrics,
      BooleanSupplier ready,
      int maxPayload,
      String host,
      int port) {
    this.host = host;
    this.port = port;
    long maxRequest = 2L * maxPayload + 64 * 1024;
    String openApi = resource("/openapi.json");
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.http.maxRequestSize = maxRequest;
              // Pixie Console: static files from the txnchain-console jar (docs/console.md).
              cfg.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/pixie-console";
                    files.location = Location.CLASSPATH;
                    files.mimeTypes.add("text/javascript", "js");
                  });
              // The console's network view reads every node's JSON-RPC from one page. Requests
              // carry no credentials, so allowing any origin grants nothing a direct call cannot.
              cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.anyHost()));
            });
    app.post(
        "/rpc",
        ctx -> {
          long length = ctx.contentLength();
          if (length > maxRequest) {
            ctx.status(HttpStatus.CONTENT_TOO_LARGE);
            ctx.json(
                rpc.error(
                    NullNode.getInstance(),
                    RpcError.PAYLOAD_TOO_LARGE,
                    "request of " + length + " bytes exceeds the limit of " + maxRequest,
                    null));
            return;
          }
          String body = ctx.body();
          CompletableFuture<JsonNode> answer = rpc.handle(body);
          ctx.future(
              () ->
                  answer.thenAccept(
                      json -> {
                        if (json == null) {
                          ctx.status(HttpStatus.NO_CONTENT);
                        } else {
                          ctx.contentType("application/json").result(write(mapper, json));
                        }
                      }));
        });
    app.get("/livez", ctx -> ctx.result("ok"));
    app.get(
        "/readyz",
        ctx -> {
          if (ready.getAsBoolean()) {
            ctx.result("ready");
          } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("not ready");
          }
        });
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
              .json(
                  rpc.error(
                      NullNode.getInstance(),
                      RpcError.INTERNAL_ERROR,
                      RpcError.INTERNAL_ERROR.summary(),
                      null));
        });
  }

  private static String write(ObjectMapper mapper, JsonNode json) {
    try {
      return mapper.writeValueAsString(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets another part of the node (the trading API) add its routes before the server starts. */
  public void extend(java.util.function.Consumer<Javalin> routes) {
    routes.accept(app);
  }

  public void start() {
    app.start(host, port);
  }

  /** The bound port (differs from the configured one when that was 0). */
  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }
}
