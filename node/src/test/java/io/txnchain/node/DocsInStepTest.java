package io.txnchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.node.config.ConfigKey;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.node.rpc.RpcError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tables in docs/ list exactly what the code defines. */
class DocsInStepTest {
  private static final Path DOCS = Path.of("..", "docs");

  @Test
  void apiDocListsEveryErrorCode() throws Exception {
    String doc = Files.readString(DOCS.resolve("api.md"));
    Matcher m = Pattern.compile("(?m)^\\| (-32\\d{3}) \\| ([A-Z_]+) \\|").matcher(doc);
    Map<String, Integer> documented = new TreeMap<>();
    while (m.find()) {
      documented.put(m.group(2), Integer.parseInt(m.group(1)));
    }
    Map<String, Integer> defined = new TreeMap<>();
    Arrays.stream(RpcError.values()).forEach(e -> defined.put(e.name(), e.code()));
    assertThat(documented).isEqualTo(defined);
  }

  @Test
  void configurationDocListsEveryKeyWithItsDefault() throws Exception {
    String doc = Files.readString(DOCS.resolve("configuration.md"));
    Matcher m = Pattern.compile("(?m)^\\| `([a-z.-]+)` \\| `([^`]*)` \\|").matcher(doc);
    Map<String, String> documented = new TreeMap<>();
    while (m.find()) {
      documented.put(m.group(1), m.group(2));
    }
    Map<String, String> defined = new TreeMap<>();
    for (ConfigKey<?> k : NodeConfig.ALL) {
      defined.put(k.name(), String.valueOf(k.defaultValue()));
    }
    assertThat(documented).isEqualTo(defined);
  }
}
