package io.txnchain.wire.codec;

/** Bytes that do not decode as the expected wire structure. */
public class WireFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
