package io.txnchain.client.cli;

/** How a command prints its answer. */
enum OutputMode {
  JSON,
  TEXT;

  /** JSON when asked for, and whenever stdout is not a terminal (a pipe or a file). */
  static OutputMode select(boolean jsonRequested, boolean stdoutTerminal) {
    return jsonRequested || !stdoutTerminal ? JSON : TEXT;
  }
}
