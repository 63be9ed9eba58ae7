package io.txnchain.tee.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.Hashes;
import io.txnchain.tee.measure.bundle.Anchor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleMeasurementTest {
  private static final String PREFIX = "io/txnchain/tee/measure/bundle/";

  private static Map<String, byte[]> sample() {
    Map<String, byte[]> m = new TreeMap<>();
    m.put("a/A.class", new byte[] {1, 2, 3});
    m.put("a/B.class", new byte[] {4, 5});
    m.put("a/b/C.class", new byte[] {});
    return m;
  }

  @Test
  void measurementIsTheDocumentedHash() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (Map.Entry<String, byte[]> e : sample().entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      out.writeInt(name.length);
      out.write(name);
      out.writeInt(e.getValue().length);
      out.write(e.getValue());
    }
    assertThat(BundleMeasurement.measure(sample())).isEqualTo(Hashes.sha256(bytes.toByteArray()));
  }

  @Test
  void measurementIsStable() {
    byte[] first = BundleMeasurement.measure(sample());
    assertThat(first).hasSize(32);
    assertThat(BundleMeasurement.measure(sample())).isEqualTo(first);
    assertThat(BundleMeasurement.measure(List.of(Anchor.class)))
        .isEqualTo(BundleMeasurement.measure(List.of(Anchor.class)));
  }

  @Test
  void anyChangedClassByteChangesTheMeasurement() {
    byte[] base = BundleMeasurement.measure(sample());
    for (String name : sample().keySet()) {
      for (int i = 0; i < sample().get(name).length; i++) {
        Map<String, byte[]> m = sample();
        m.get(name)[i] ^= 1;
        assertThat(BundleMeasurement.measure(m)).as("%s byte %d", name, i).isNotEqualTo(base);
      }
    }
  }

  @Test
  void namesAndBoundariesAreMeasured() {
    byte[] base = BundleMeasurement.measure(sample());
    Map<String, byte[]> renamed = sample();
    renamed.put("a/Z.class", renamed.remove("a/A.class"));
    assertThat(BundleMeasurement.measure(renamed)).isNotEqualTo(base);

    Map<String, byte[]> added = sample();
    added.put("a/D.class", new byte[0]);
    assertThat(BundleMeasurement.measure(added)).isNotEqualTo(base);

    Map<String, byte[]> removed = sample();
    removed.remove("a/b/C.class");
    assertThat(BundleMeasurement.measure(removed)).isNotEqualTo(base);

    // A byte moved from one class to the next is caught by the length prefixes.
    Map<String, byte[]> shifted = sample();
    shifted.put("a/A.class", new byte[] {1, 2});
    shifted.put("a/B.class", new byte[] {3, 4, 5});
    assertThat(BundleMeasurement.measure(shifted)).isNotEqualTo(base);
  }

  @Test
  void measurementIsIndependentOfInsertionOrder() {
    List<String> names = new ArrayList<>(sample().keySet());
    Map<String, byte[]> forward = new LinkedHashMap<>();
    for (String n : names) {
      forward.put(n, sample().get(n));
    }
    Map<String, byte[]> backward = new LinkedHashMap<>();
    for (int i = names.size() - 1; i >= 0; i--) {
      backward.put(names.get(i), sample().get(names.get(i)));
    }
    assertThat(BundleMeasurement.measure(backward))
        .isEqualTo(BundleMeasurement.measure(forward))
        .isEqualTo(BundleMeasurement.measure(sample()));
  }

  @Test
  void classesOfReadsThePackageAndItsSubpackagesFromTestClasses() throws Exception {
    Map<String, byte[]> classes = BundleMeasurement.classesOf(Anchor.class);
    assertThat(classes)
        .containsOnlyKeys(
            PREFIX + "Anchor.class", PREFIX + "Anchor$Inner.class", PREFIX + "sub/Helper.class");
    URL self = Anchor.class.getResource("Anchor.class");
    assertThat(self.getProtocol()).isEqualTo("file");
    assertThat(classes.get(PREFIX + "Anchor.class"))
        .isEqualTo(Files.readAllBytes(Path.of(self.toURI())));
    assertThat(BundleMeasurement.measure(List.of(Anchor.class)))
        .isEqualTo(BundleMeasurement.measure(classes));
  }

  @Test
  void aNestedClassAnchorsItsPackage() {
    assertThat(BundleMeasurement.classesOf(Anchor.Inner.class))
        .containsOnlyKeys(BundleMeasurement.classesOf(Anchor.class).keySet());
  }

  @Test
  void aDefaultPackageAnchorMeasuresTheWholeClassesDirectory() throws Exception {
    Class<?> anchor = Class.forName("DefaultPackageAnchor");
    Map<String, byte[]> classes = BundleMeasurement.classesOf(anchor);
    assertThat(classes)
        .containsKey("DefaultPackageAnchor.class")
        .containsKey(PREFIX + "Anchor.class")
        .containsKey("io/txnchain/tee/measure/BundleMeasurementTest.class");
  }

  @Test
  void aJarGivesTheSameClassesAndMeasurementAsTheDirectory(@TempDir Path dir) throws Exception {
    Map<String, byte[]> fromDir = BundleMeasurement.classesOf(Anchor.class);
    Path jar = dir.resolve("bundle.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("io/"));
      out.closeEntry();
      for (Map.Entry<String, byte[]> e : fromDir.entrySet()) {
        out.putNextEntry(new JarEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("io/txnchain/tee/measure/Other.class"));
      out.write(new byte[] {9});
      out.closeEntry();
    }
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> fromJar = loader.loadClass(Anchor.class.getName());
      assertThat(fromJar).isNotSameAs(Anchor.class);
      assertThat(fromJar.getResource("Anchor.class").getProtocol()).isEqualTo("jar");
      Map<String, byte[]> classes = BundleMeasurement.classesOf(fromJar);
      assertThat(classes).containsOnlyKeys(fromDir.keySet());
      assertThat(BundleMeasurement.measure(List.of(fromJar)))
          .isEqualTo(BundleMeasurement.measure(fromDir));
    }
  }
}
