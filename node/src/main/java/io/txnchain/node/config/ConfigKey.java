package io.txnchain.node.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * A typed configuration key with its default, declared once in {@link NodeConfig}. The same key is
 * read from a config file ({@code name}), the environment ({@code TXNCHAIN_NAME} with dots as
 * underscores) and command-line overrides, in increasing precedence.
 */
public record ConfigKey<T>(String name, T defaultValue, Function<String, T> parser, String doc) {

  /** The environment variable that sets this key. */
  public String envVar() {
    return "TXNCHAIN_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public static ConfigKey<String> string(String name, String def, String doc) {
    return new ConfigKey<>(name, def, s -> s, doc);
  }

  public static ConfigKey<Integer> integer(String name, int def, String doc) {
    return new ConfigKey<>(name, def, Integer::valueOf, doc);
  }

  public static ConfigKey<Boolean> bool(String name, boolean def, String doc) {
    return new ConfigKey<>(
        name,
        def,
        s -> {
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.valueOf(s);
          }
          throw new IllegalArgumentException("expected true or false");
        },
        doc);
  }
}
