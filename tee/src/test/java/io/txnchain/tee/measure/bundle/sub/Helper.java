package io.txnchain.tee.measure.bundle.sub;

/** A class of the bundle's subpackage. */
public final class Helper {
  private Helper() {}

  public static int half(int x) {
    return x / 2;
  }
}
