package io.txnchain.tee.measure;

import io.txnchain.crypto.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Measures a code bundle: the SHA-256 over the class files of a package and its subpackages, in the
 * order of their names, each as {@code len(name) || name || len(bytes) || bytes}. The same classes
 * give the same measurement whether they are loaded from a directory or a jar.
 */
public final class BundleMeasurement {
  private BundleMeasurement() {}

  /** The class files of the package of {@code anchor} (and its subpackages), by resource name. */
  public static Map<String, byte[]> classesOf(Class<?> anchor) {
    String packageName = anchor.getPackageName();
    String prefix = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
    // The binary name's last segment, so that nested classes (Outer$Inner) are found too.
    String binaryName = anchor.getName();
    URL self = anchor.getResource(binaryName.substring(binaryName.lastIndexOf('.') + 1) + ".class");
    if (self == null) {
      throw new IllegalStateException("cannot locate the class file of " + anchor.getName());
    }
    Map<String, byte[]> classes = new TreeMap<>();
    try {
      if ("jar".equals(self.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) self.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class")) {
              try (InputStream in = jar.getInputStream(entry)) {
                classes.put(entry.getName(), in.readAllBytes());
              }
            }
          }
        }
      } else if ("file".equals(self.getProtocol())) {
        Path classFile = Paths.get(self.toURI());
        int depth = packageName.isEmpty() ? 0 : packageName.split("\\.").length;
        Path root = classFile.getParent();
        for (int i = 0; i < depth; i++) {
          root = root.getParent();
        }
        Path base = root;
        Path packageDir = classFile.getParent();
        try (Stream<Path> files = Files.walk(packageDir)) {
          for (Path p : (Iterable<Path>) files::iterator) {
            if (p.toString().endsWith(".class")) {
              String name = base.relativize(p).toString().replace('\\', '/');
              classes.put(name, Files.readAllBytes(p));
            }
          }
        }
      } else {
        throw new IllegalStateException("cannot measure classes loaded from " + self);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classes of " + anchor.getName(), e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad class location " + self, e);
    }
    return classes;
  }

  /** The measurement of the bundles anchored at the given classes, taken together. */
  public static byte[] measure(List<Class<?>> anchors) {
    Map<String, byte[]> all = new TreeMap<>();
    for (Class<?> anchor : anchors) {
      all.putAll(classesOf(anchor));
    }
    return measure(all);
  }

  /** The measurement of the given class files, keyed by resource name. */
  public static byte[] measure(Map<String, byte[]> classes) {
    Map<String, byte[]> sorted = new TreeMap<>(classes);
    int size = 0;
    for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
      size += 8 + e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      buf.putInt(name.length).put(name).putInt(e.getValue().length).put(e.getValue());
    }
    return Hashes.sha256(buf.array());
  }
}
