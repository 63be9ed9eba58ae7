package io.txnchain.tee.collateral.fetch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Gets one collateral item over HTTP(S) with the JDK client. Thread-safe. */
public final class CollateralFetcher {
  /** Most bytes one response may have: the largest real items (TCB Info) are a few KiB. */
  static final int MAX_BYTES = 1 << 20;

  private final HttpClient http;
  private final Duration timeout;

  public CollateralFetcher(Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.timeout = timeout;
  }

  /** The body and the issuer chain header (as sent, URL-encoded PEM), if any. */
  public record Response(byte[] body, byte[] chain) {}

  /**
   * Fetches {@code request}.
   *
   * @throws FetchException naming the item, the URL and the cause
   */
  public Response fetch(CollateralRequest request) throws FetchException {
    HttpResponse<byte[]> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(request.uri()).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw failure(request, "no answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw failure(request, "cannot connect (" + describe(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(request, "interrupted");
    }
    if (r.statusCode() == 404) {
      throw new FetchException(
          "cannot fetch " + request.what() + " from " + request.uri() + ": not found (HTTP 404)",
          true);
    }
    if (r.statusCode() != 200) {
      throw failure(request, "HTTP " + r.statusCode());
    }
    if (r.body().length == 0 || r.body().length > MAX_BYTES) {
      throw failure(request, "a response of " + r.body().length + " bytes");
    }
    byte[] chain = null;
    for (String header : request.chainHeaders()) {
      Optional<String> v = r.headers().firstValue(header);
      if (v.isPresent()) {
        chain = v.get().getBytes(StandardCharsets.US_ASCII);
        break;
      }
    }
    if (chain == null && !request.chainHeaders().isEmpty()) {
      throw failure(request, "the response has no " + request.chainHeaders().get(0) + " header");
    }
    return new Response(r.body(), chain);
  }

  private static FetchException failure(CollateralRequest request, String why) {
    return new FetchException(
        "cannot fetch " + request.what() + " from " + request.uri() + ": " + why);
  }

  private static String describe(IOException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
