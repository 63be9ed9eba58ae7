package io.txnchain.replication;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ratis.util.ExitUtils;

/** The process-wide Ratis settings this module needs, applied once before any server starts. */
final class RatisGlobals {
  /**
   * Ratis' shaded gRPC and Netty log through java.util.logging, outside SLF4J; their INFO lines are
   * start-up noise. Held in a field because java.util.logging forgets unreferenced loggers.
   */
  private static final Logger SHADED_LIBRARIES = Logger.getLogger("org.apache.ratis.thirdparty");

  static {
    SHADED_LIBRARIES.setLevel(Level.WARNING);
    // Ratis calls System.exit when its gRPC server cannot bind, killing the whole node; disabled,
    // it throws ExitUtils.ExitException instead, which start() reports. Initialising its exit
    // state also replaces the JVM's default uncaught-exception handler: put the previous one back.
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    ExitUtils.disableSystemExit();
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  private RatisGlobals() {}

  /** Applies the settings (the first call does; later ones are free). */
  static void apply() {
    // The static initialiser does the work.
  }
}
