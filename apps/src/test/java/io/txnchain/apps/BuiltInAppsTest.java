package io.txnchain.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.apps.analytics.AnalyticsApp;
import io.txnchain.apps.kv.KvApp;
import io.txnchain.tee.app.AppCodeVerifier;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.tee.measure.BundleMeasurement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BuiltInAppsTest {

  @Test
  void allGivesKvThenAnalyticsWithTheGivenThreshold() {
    List<EnclaveApp> apps = BuiltInApps.all(4);
    assertThat(apps).extracting(EnclaveApp::name).containsExactly("kv", "analytics");
    assertThat(apps)
        .extracting(BuiltInApps::anchorOf)
        .containsExactly(KvApp.class, AnalyticsApp.class);
  }

  private static Map<String, byte[]> bundle(EnclaveApp app) {
    Map<String, byte[]> classes = new TreeMap<>();
    for (Class<?> anchor : app.codeAnchors()) {
      classes.putAll(BundleMeasurement.classesOf(anchor));
    }
    return classes;
  }

  @Test
  void eachBundleHoldsItsOwnPackageAndTheSharedJsonCode() {
    Map<String, byte[]> kv = bundle(new KvApp());
    Map<String, byte[]> analytics = bundle(new AnalyticsApp(3));
    assertThat(kv)
        .containsKeys("io/txnchain/apps/kv/KvApp.class", "io/txnchain/apps/json/AppJson.class");
    assertThat(kv.keySet())
        .allMatch(
            n -> n.startsWith("io/txnchain/apps/kv/") || n.startsWith("io/txnchain/apps/json/"));
    assertThat(analytics)
        .containsKeys(
            "io/txnchain/apps/analytics/AnalyticsApp.class", "io/txnchain/apps/json/AppJson.class");
    assertThat(analytics.keySet())
        .allMatch(
            n ->
                n.startsWith("io/txnchain/apps/analytics/")
                    || n.startsWith("io/txnchain/apps/json/"));
  }

  @Test
  void kvCodePassesTheVerifier() {
    Map<String, byte[]> classes = bundle(new KvApp());
    assertThat(classes).hasSizeGreaterThanOrEqualTo(4);
    assertThat(AppCodeVerifier.violations(classes)).isEmpty();
  }

  @Test
  void analyticsCodePassesTheVerifier() {
    Map<String, byte[]> classes = bundle(new AnalyticsApp(3));
    assertThat(classes).hasSizeGreaterThanOrEqualTo(7);
    assertThat(AppCodeVerifier.violations(classes)).isEmpty();
  }

  @Test
  void measurementsDifferBetweenAppsAndAreStable() {
    byte[] kv = BundleMeasurement.measure(new KvApp().codeAnchors());
    byte[] analytics = BundleMeasurement.measure(new AnalyticsApp(3).codeAnchors());
    assertThat(kv).hasSize(32).isNotEqualTo(analytics);
    assertThat(BundleMeasurement.measure(new KvApp().codeAnchors())).isEqualTo(kv);
    assertThat(BundleMeasurement.measure(new AnalyticsApp(3).codeAnchors())).isEqualTo(analytics);
  }
}
