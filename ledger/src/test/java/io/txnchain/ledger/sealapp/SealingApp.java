package io.txnchain.ledger.sealapp;

import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.EnclaveApp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Seals each line after the first to the X25519 key the first line gives in hex, and emits each box
 * as a {@code sealed} event.
 */
public final class SealingApp implements EnclaveApp {
  public static final byte[] INFO = "test/sealing-app".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] AAD = "aad".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return "sealing";
  }

  @Override
  public byte[] execute(AppContext context, byte[] input) {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n");
    byte[] key = org.bouncycastle.util.encoders.Hex.decode(lines[0]);
    for (String line : Arrays.asList(lines).subList(1, lines.length)) {
      context.emit("sealed", context.sealTo(key, INFO, AAD, line.getBytes(StandardCharsets.UTF_8)));
    }
    return new byte[0];
  }
}
