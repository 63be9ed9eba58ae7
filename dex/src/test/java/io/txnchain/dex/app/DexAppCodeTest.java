package io.txnchain.dex.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.app.AppCodeVerifier;
import io.txnchain.tee.measure.BundleMeasurement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the node's app registry checks and measures: the bundle of the app's code anchors. */
class DexAppCodeTest {
  private static Map<String, byte[]> bundle(DexApp app) {
    Map<String, byte[]> classes = new TreeMap<>();
    for (Class<?> anchor : app.codeAnchors()) {
      classes.putAll(BundleMeasurement.classesOf(anchor));
    }
    return classes;
  }

  @Test
  void theBundleHoldsTheAppTheEngineAndTheOrderFormat() {
    DexApp app = new DexApp(DexConfig.devNetwork("x"));
    assertThat(app.name()).isEqualTo("dex");
    Map<String, byte[]> classes = bundle(app);
    assertThat(classes)
        .containsKeys(
            "io/txnchain/dex/app/DexApp.class",
            "io/txnchain/dex/app/CommandLog.class",
            "io/txnchain/dex/engine/Engine.class",
            "io/txnchain/dex/book/FastOrderBook.class",
            "io/txnchain/dex/market/MarketSpec.class",
            "io/txnchain/dex/order/OrderVerifier.class",
            "io/txnchain/dex/order/ReplayGuard.class",
            "io/txnchain/wire/dex/OrderEncoder.class",
            "io/txnchain/wire/dex/Order.class");
    assertThat(classes.keySet())
        .allMatch(n -> n.startsWith("io/txnchain/dex/") || n.startsWith("io/txnchain/wire/dex/"));
  }

  @Test
  void theBundlePassesTheEnclaveVerifier() {
    assertThat(AppCodeVerifier.violations(bundle(new DexApp(DexConfig.devNetwork("x"))))).isEmpty();
  }

  @Test
  void theMeasurementDoesNotDependOnTheConfiguration() {
    byte[] a = BundleMeasurement.measure(new DexApp(DexConfig.devNetwork("a")).codeAnchors());
    byte[] b = BundleMeasurement.measure(new DexApp(DexConfig.devNetwork("b")).codeAnchors());
    assertThat(a).hasSize(32).isEqualTo(b);
  }
}
