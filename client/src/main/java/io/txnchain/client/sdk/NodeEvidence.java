package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HexFormat;

/**
 * What a node says about its enclave: {@code node_getEvidence}. Nothing here is trusted until
 * {@link Sealer} has verified the evidence against a nonce of its own.
 *
 * @param teeType the TEE the node claims to run
 * @param simulated whether the node says its enclave is simulated
 * @param measurement the measurement the node claims, 32 bytes
 * @param identityKey the enclave's Ed25519 identity key, 32 bytes
 * @param encryptionKey the enclave's X25519 key that payloads are sealed to, 32 bytes
 * @param nonce the nonce the node bound into the evidence
 * @param format the evidence format
 * @param data the evidence bytes
 */
public record NodeEvidence(
    String teeType,
    boolean simulated,
    byte[] measurement,
    byte[] identityKey,
    byte[] encryptionKey,
    byte[] nonce,
    String format,
    byte[] data) {

  /** Reads the JSON answer of {@code node_getEvidence}. */
  public static NodeEvidence fromJson(URI node, JsonNode n) {
    try {
      return new NodeEvidence(
          n.path("teeType").asText(""),
          n.path("simulated").asBoolean(false),
          hex(n, "measurement"),
          hex(n, "identityKey"),
          hex(n, "encryptionKey"),
          hex(n, "nonce"),
          n.path("format").asText(""),
          hex(n, "data"));
    } catch (IllegalArgumentException e) {
      throw new UnexpectedResponseException(node, "malformed node_getEvidence: " + e.getMessage());
    }
  }

  private static byte[] hex(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    String s = v.asText();
    return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
  }
}
