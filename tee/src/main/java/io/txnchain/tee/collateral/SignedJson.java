package io.txnchain.tee.collateral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An Intel collateral object (TCB Info or QE Identity) with its signature. The signature covers the
 * exact bytes of the object as Intel served them; re-serialising the JSON would break it, so the
 * bytes are kept as received and parsed only to read values.
 *
 * @param signedBytes the object's exact bytes
 * @param signature raw ECDSA P-256 signature, {@code r || s} (64 bytes)
 * @param body the parsed object
 */
public record SignedJson(byte[] signedBytes, byte[] signature, JsonNode body) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public SignedJson {
    signedBytes = signedBytes.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] signedBytes() {
    return signedBytes.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Parses {@code signedText} as JSON and keeps its bytes as the signed region. */
  public static SignedJson of(String signedText, byte[] signature) throws IOException {
    byte[] bytes = signedText.getBytes(StandardCharsets.UTF_8);
    JsonNode body = MAPPER.readTree(bytes);
    if (body == null || !body.isObject()) {
      throw new IOException("signed collateral is not a JSON object");
    }
    return new SignedJson(bytes, signature, body);
  }

  /** The {@code id} field: {@code SGX} or {@code TDX} for TCB Info, {@code QE} or {@code TD_QE}. */
  public String id() {
    return body.path("id").asText("");
  }
}
