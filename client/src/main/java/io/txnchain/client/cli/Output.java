package io.txnchain.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.function.Supplier;

/** Prints a command's answer as JSON or as text, per {@link OutputMode}. */
final class Output {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final OutputMode mode;
  private final PrintStream out;

  Output(OutputMode mode, PrintStream out) {
    this.mode = mode;
    this.out = out;
  }

  boolean json() {
    return mode == OutputMode.JSON;
  }

  /** Prints {@code json}, or the text the supplier renders. */
  void print(JsonNode json, Supplier<String> text) {
    String s = json() ? pretty(json) : text.get();
    out.print(s.endsWith("\n") ? s : s + "\n");
    out.flush();
  }

  static String pretty(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** One line of compact JSON, for values shown inside text output. */
  static String compact(JsonNode json) {
    return json.isTextual() ? json.asText() : json.toString();
  }
}
