package io.txnchain.ledger.witness;

import io.txnchain.crypto.Ed25519;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.wire.block.BlockHeader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Collects, on the ledger, every node's enclave signature over the block headers it computed, so
 * that a block is vouched for by all the replicas that applied it (not just by the one whose copy a
 * client happened to read) and so that a replica that computed a different block is found out.
 *
 * <p>Input, binary so that it is compact and has one encoding: {@code u64 height, 32 header hash,
 * 32 Ed25519 identity key, 64 signature} over {@link BlockHeader#signingMessage(byte[])}. Only the
 * holders of the network secret may submit ({@link #submitter}), since a signature by a key that is
 * not a node's would count as a node's opinion.
 *
 * <p>State: {@code sig/<height, 19 digits>/<identity key hex>} → header hash ‖ signature.
 */
public final class WitnessApp implements EnclaveApp {
  /** The registered name. */
  public static final String NAME = "witness";

  /** The size of an input. */
  public static final int INPUT_LENGTH = 8 + 32 + 32 + 64;

  private volatile String submitter;

  /**
   * @param submitter the checksummed address allowed to submit; every node derives the same one
   *     from the network secret, set with {@link #authorize} once the node holds that secret
   */
  public WitnessApp(String submitter) {
    this.submitter = submitter;
  }

  /** Sets the submitter once the network secret is known (after joining). */
  public void authorize(String address) {
    this.submitter = address;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** One header signature, decoded. */
  public record Signature(long height, byte[] headerHash, byte[] identityKey, byte[] signature) {
    /** The input that records it. */
    public byte[] encode() {
      byte[] out = new byte[INPUT_LENGTH];
      for (int i = 0; i < 8; i++) {
        out[i] = (byte) (height >>> (56 - 8 * i));
      }
      System.arraycopy(headerHash, 0, out, 8, 32);
      System.arraycopy(identityKey, 0, out, 40, 32);
      System.arraycopy(signature, 0, out, 72, 64);
      return out;
    }

    /** Decodes an input; {@code null} when it has the wrong size. */
    public static Signature decode(byte[] in) {
      if (in.length != INPUT_LENGTH) {
        return null;
      }
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (in[i] & 0xff);
      }
      return new Signature(
          h,
          Arrays.copyOfRange(in, 8, 40),
          Arrays.copyOfRange(in, 40, 72),
          Arrays.copyOfRange(in, 72, 136));
    }
  }

  @Override
  public byte[] execute(AppContext ctx, byte[] input) throws AppRejectedException {
    if (submitter == null || !submitter.equals(ctx.caller())) {
      throw new AppRejectedException(
          "not_a_node", "header signatures are submitted by the network's nodes only");
    }
    Signature s = Signature.decode(input);
    if (s == null) {
      throw new AppRejectedException(
          "malformed_input", "a header signature is " + INPUT_LENGTH + " bytes");
    }
    if (s.height() < 1 || s.height() >= ctx.blockHeight()) {
      throw new AppRejectedException(
          "invalid_height", "only blocks below the current height can be signed");
    }
    if (!Ed25519.verify(
        s.identityKey(), BlockHeader.signingMessage(s.headerHash()), s.signature())) {
      throw new AppRejectedException(
          "bad_signature", "the signature does not verify for this header hash and key");
    }
    byte[] key = key(s.height(), s.identityKey());
    if (ctx.publicState().get(key) != null) {
      throw new AppRejectedException("already_signed", "this node has signed this height already");
    }
    byte[] value = Arrays.copyOf(s.headerHash(), 96);
    System.arraycopy(s.signature(), 0, value, 32, 64);
    ctx.publicState().put(key, value);
    ctx.emit("header.signed", input);
    return new byte[0];
  }

  /** The state key of a node's signature at a height. */
  public static byte[] key(long height, byte[] identityKey) {
    return (prefix(height) + hex(identityKey)).getBytes(StandardCharsets.US_ASCII);
  }

  /** The state key prefix of all signatures at a height. */
  private static String prefix(long height) {
    String digits = Long.toString(height);
    return "sig/" + "0".repeat(Math.max(0, 19 - digits.length())) + digits + "/";
  }

  private static String hex(byte[] b) {
    char[] digits = "0123456789abcdef".toCharArray();
    char[] out = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = digits[(b[i] >> 4) & 0xf];
      out[2 * i + 1] = digits[b[i] & 0xf];
    }
    return new String(out);
  }

  @Override
  public List<Class<?>> codeAnchors() {
    return List.of(WitnessApp.class);
  }
}
