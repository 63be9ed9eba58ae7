package io.txnchain.tee.collateral.fetch;

/** Collateral could not be fetched; the message says what, from where, and why. */
public final class FetchException extends Exception {
  private final boolean notFound;

  public FetchException(String message, boolean notFound) {
    super(message);
    this.notFound = notFound;
  }

  public FetchException(String message) {
    this(message, false);
  }

  /** The service answered that it has no such item (HTTP 404), as opposed to being unreachable. */
  public boolean notFound() {
    return notFound;
  }
}
