package io.txnchain.node.api;

/** A request the trading API refuses, with the code and message the client gets. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ApiError error;
  private final long retryAfterSeconds;

  public ApiException(ApiError error, String message) {
    this(error, message, 0);
  }

  public ApiException(ApiError error, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.error = error;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ApiError error() {
    return error;
  }

  /** For {@link ApiError#TOO_MANY_REQUESTS}: when to try again; 0 otherwise. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
