package io.txnchain.tee.app;

/**
 * Thrown by an app whose own state fails its integrity check (for example a replayed state hash
 * that differs from the recorded one). Unlike any other exception from an app, it is not turned
 * into a refusal of the input: the node stops, because every later result would be computed on
 * wrong state.
 */
public class AppHaltedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public AppHaltedException(String message) {
    super(message);
  }

  public AppHaltedException(String message, Throwable cause) {
    super(message, cause);
  }
}
