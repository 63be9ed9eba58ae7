package io.txnchain.ledger.machine;

import io.txnchain.tee.app.AppCodeVerifier;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.tee.measure.BundleMeasurement;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The apps an enclave hosts, by name. An app is admitted only if its code passes {@link
 * AppCodeVerifier}; its measurement is that of its package.
 */
public final class AppRegistry {
  private final SortedMap<String, RegisteredApp> apps = new TreeMap<>();

  /** Measures, checks and registers each app. */
  public static AppRegistry of(List<EnclaveApp> apps) {
    AppRegistry r = new AppRegistry();
    for (EnclaveApp app : apps) {
      Map<String, byte[]> classes = new TreeMap<>();
      for (Class<?> anchor : app.codeAnchors()) {
        classes.putAll(BundleMeasurement.classesOf(anchor));
      }
      List<String> violations = AppCodeVerifier.violations(classes);
      if (!violations.isEmpty()) {
        throw new IllegalArgumentException(
            "app '" + app.name() + "' is not deterministic: " + String.join("; ", violations));
      }
      if (r.apps.containsKey(app.name())) {
        throw new IllegalArgumentException("two apps are named '" + app.name() + "'");
      }
      r.apps.put(
          app.name(), new RegisteredApp(app.name(), BundleMeasurement.measure(classes), app));
    }
    return r;
  }

  public RegisteredApp get(String name) {
    return apps.get(name);
  }

  public Collection<RegisteredApp> all() {
    return Collections.unmodifiableCollection(apps.values());
  }

  /** The classes whose packages make up the apps' code, for the enclave measurement. */
  public List<Class<?>> anchors() {
    return apps.values().stream().flatMap(a -> a.app().codeAnchors().stream()).toList();
  }
}
