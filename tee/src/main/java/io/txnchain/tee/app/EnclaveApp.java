package io.txnchain.tee.app;

import java.util.List;

/**
 * An application that runs inside the enclave: a deterministic function from (state, input) to (new
 * state, output, events).
 *
 * <p>The only things an app can reach are what {@link AppContext} hands it: its own public and
 * private state, the caller's address, and the block's height and time. It gets no clock, no
 * randomness, no network and no files, so every replica that applies the same input to the same
 * state computes the same output. {@link AppCodeVerifier} refuses app code that reaches for those
 * anyway, or that uses floating point.
 */
public interface EnclaveApp {

  /** The app's registered name, such as {@code kv}. */
  String name();

  /**
   * One class from each package that makes up the app's code: its measurement covers the class
   * files of these packages (and their subpackages), and all of them must pass {@link
   * AppCodeVerifier}. By default, the app's own package only.
   */
  default List<Class<?>> codeAnchors() {
    return List.of(getClass());
  }

  /**
   * Executes one input. State changes made through the context are kept only if this returns
   * normally; when it throws, nothing the call wrote survives.
   *
   * @return the output bytes (the result of the work order)
   * @throws AppRejectedException when the input is invalid or not allowed for this caller
   */
  byte[] execute(AppContext context, byte[] input) throws AppRejectedException;
}
