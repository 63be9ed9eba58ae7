package io.txnchain.ledger.haltapp;

import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppHaltedException;
import io.txnchain.tee.app.EnclaveApp;

/** An app that finds its state corrupt on input "halt" and fails like a buggy app on "bug". */
public final class HaltingApp implements EnclaveApp {
  @Override
  public String name() {
    return "halting";
  }

  @Override
  public byte[] execute(AppContext context, byte[] input) {
    if (input.length > 0 && input[0] == 'h') {
      throw new AppHaltedException("state hash mismatch");
    }
    throw new ArithmeticException("a bug");
  }
}
