package io.txnchain.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.apps.analytics.AnalyticsApp;
import io.txnchain.apps.kv.KvApp;
import io.txnchain.tee.app.AppCodeVerifier;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.tee.measure.BundleMeasurement;
import java.util.List;
import java.util.Map;
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

  @Test
  void eachBundleHoldsExactlyItsOwnPackage() {
    Map<String, byte[]> kv = BundleMeasurement.classesOf(KvApp.class);
    Map<String, byte[]> analytics = BundleMeasurement.classesOf(AnalyticsApp.class);
    assertThat(kv).containsKey("io/txnchain/apps/kv/KvApp.class");
    assertThat(kv.keySet()).allMatch(name -> name.startsWith("io/txnchain/apps/kv/"));
    assertThat(analytics).containsKey("io/txnchain/apps/analytics/AnalyticsApp.class");
    assertThat(analytics.keySet()).allMatch(name -> name.startsWith("io/txnchain/apps/analytics/"));
  }

  @Test
  void kvCodePassesTheVerifier() {
    Map<String, byte[]> classes = BundleMeasurement.classesOf(KvApp.class);
    assertThat(classes).hasSizeGreaterThanOrEqualTo(4);
    assertThat(AppCodeVerifier.violations(classes)).isEmpty();
  }

  @Test
  void analyticsCodePassesTheVerifier() {
    Map<String, byte[]> classes = BundleMeasurement.classesOf(AnalyticsApp.class);
    assertThat(classes).hasSizeGreaterThanOrEqualTo(7);
    assertThat(AppCodeVerifier.violations(classes)).isEmpty();
  }

  @Test
  void measurementsDifferBetweenAppsAndAreStable() {
    byte[] kv = BundleMeasurement.measure(List.of(KvApp.class));
    byte[] analytics = BundleMeasurement.measure(List.of(AnalyticsApp.class));
    assertThat(kv).hasSize(32).isNotEqualTo(analytics);
    assertThat(BundleMeasurement.measure(List.of(KvApp.class))).isEqualTo(kv);
    assertThat(BundleMeasurement.measure(List.of(AnalyticsApp.class))).isEqualTo(analytics);
  }
}
