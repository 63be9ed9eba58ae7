package io.txnchain.tee.measure.bundle;

import io.txnchain.tee.measure.bundle.sub.Helper;

/** The anchor of a small bundle with a nested class and a subpackage. */
public final class Anchor {
  private Anchor() {}

  public static int answer() {
    return Helper.half(84);
  }

  /** A nested class: its class file is {@code Anchor$Inner.class}. */
  public static final class Inner {
    private Inner() {}
  }
}
