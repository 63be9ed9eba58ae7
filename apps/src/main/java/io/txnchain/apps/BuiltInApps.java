package io.txnchain.apps;

import io.txnchain.apps.analytics.AnalyticsApp;
import io.txnchain.apps.kv.KvApp;
import io.txnchain.tee.app.EnclaveApp;
import java.util.List;

/**
 * The enclave apps shipped with TxnChain. Each lives in its own package, which is its measured
 * bundle; this class is outside both and only constructs them.
 */
public final class BuiltInApps {
  private BuiltInApps() {}

  /** The kv and analytics apps, in that order. */
  public static List<EnclaveApp> all(int analyticsDefaultK) {
    return List.of(new KvApp(), new AnalyticsApp(analyticsDefaultK));
  }

  /** The class whose package is {@code app}'s measured bundle. */
  public static Class<?> anchorOf(EnclaveApp app) {
    return app.getClass();
  }
}
