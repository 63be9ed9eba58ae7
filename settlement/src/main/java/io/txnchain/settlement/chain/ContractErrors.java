package io.txnchain.settlement.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Names a revert by the 4-byte selector of the custom errors declared in a contract's ABI. */
public final class ContractErrors {
  private final Map<String, String> bySelector = new HashMap<>();

  /** The custom errors of {@code abi} (a JSON array as solc writes it). */
  public ContractErrors(JsonNode abi) {
    for (JsonNode item : abi) {
      if (!"error".equals(item.path("type").asText())) {
        continue;
      }
      StringBuilder sig = new StringBuilder(item.path("name").asText()).append('(');
      JsonNode inputs = item.path("inputs");
      for (int i = 0; i < inputs.size(); i++) {
        sig.append(i == 0 ? "" : ",").append(inputs.get(i).path("type").asText());
      }
      sig.append(')');
      bySelector.put(selector(sig.toString()), item.path("name").asText());
    }
  }

  /** {@code 0x} and the first 4 bytes of Keccak-256 of {@code signature}, lower-case hex. */
  public static String selector(String signature) {
    byte[] h = Hashes.keccak256(signature.getBytes(StandardCharsets.US_ASCII));
    StringBuilder s = new StringBuilder("0x");
    for (int i = 0; i < 4; i++) {
      s.append(String.format("%02x", h[i] & 0xff));
    }
    return s.toString();
  }

  /** The error name for revert {@code data}, or null when it is not one of ours. */
  public String decode(String data) {
    if (data == null || data.length() < 10) {
      return null;
    }
    return bySelector.get(data.substring(0, 10).toLowerCase(Locale.ROOT));
  }
}
