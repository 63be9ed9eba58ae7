package io.txnchain.node.api;

/**
 * The trading API's error codes: JSON {@code {"code", "msg"}} with an HTTP status. The numbers are
 * stable and listed in docs/trading-api.md; they follow Binance's where one exists.
 */
public enum ApiError {
  INTERNAL(-1000, 500),
  NOT_READY(-1001, 503),
  TOO_MANY_REQUESTS(-1003, 429),
  INVALID_TRANSACTION(-1013, 400),
  DUPLICATE_TRANSACTION(-1014, 409),
  TIMESTAMP_OUTSIDE_WINDOW(-1021, 401),
  INVALID_SIGNATURE(-1022, 401),
  REPLAYED_REQUEST(-1023, 401),
  AUTH_REQUIRED(-1024, 401),
  LOCAL_ONLY(-1025, 403),
  REBUILD_RUNNING(-1026, 409),
  ILLEGAL_PARAM(-1100, 400),
  TOO_LARGE(-1101, 413),
  MANDATORY_PARAM_MISSING(-1102, 400),
  BAD_INTERVAL(-1120, 400),
  UNKNOWN_MARKET(-1121, 400),
  NOT_FOUND(-1404, 404),
  ORDER_REJECTED(-2010, 400),
  CANCEL_REJECTED(-2011, 400),
  NO_SUCH_ORDER(-2013, 404);

  private final int code;
  private final int status;

  ApiError(int code, int status) {
    this.code = code;
    this.status = status;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return status;
  }
}
