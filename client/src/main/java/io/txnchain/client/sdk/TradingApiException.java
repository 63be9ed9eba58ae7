package io.txnchain.client.sdk;

/**
 * The trading API refused a request: its {@code {code, msg}} answer (codes in docs/trading-api.md)
 * and HTTP status.
 */
public final class TradingApiException extends TxnChainException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final int httpStatus;
  private final long retryAfterSeconds;

  public TradingApiException(int code, String msg, int httpStatus, long retryAfterSeconds) {
    super(msg);
    this.code = code;
    this.httpStatus = httpStatus;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The stable error code, e.g. {@code -1121} for an unknown market. */
  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** For {@code -1003} (429): the seconds to wait before retrying; 0 otherwise. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
