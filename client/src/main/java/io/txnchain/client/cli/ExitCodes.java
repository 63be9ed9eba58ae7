package io.txnchain.client.cli;

/** The exit codes of CONTRACT.md; scripts depend on them. */
final class ExitCodes {
  static final int OK = 0;

  /** A check failed (invalid receipt, tampered result) or the node rejected the request. */
  static final int FAILED = 1;

  /** Picocli's usage-error code. */
  static final int USAGE = 2;

  static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
