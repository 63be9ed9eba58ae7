package io.txnchain.ledger.state;

import io.txnchain.crypto.Hashes;
import io.txnchain.wire.codec.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The state commitment carried in block headers: a hash chain over every block's write set.
 *
 * <p>{@code root(n) = SHA-256("txnchain/state-root/v1" || root(n-1) || height || D(public) ||
 * M(private))}, where {@code D} is SHA-256 over the public writes in key order and {@code M} is an
 * HMAC over the private writes keyed by a network secret, so that low-entropy private values
 * (salaries, say) cannot be guessed from the public root. Two replicas with the same root have
 * applied the same writes in the same order.
 */
public final class StateRoot {
  private static final byte[] DOMAIN = "txnchain/state-root/v1".getBytes(StandardCharsets.US_ASCII);

  private StateRoot() {}

  /** The root after a block with the given writes. */
  public static byte[] next(
      byte[] previous, long height, WriteSet publicWrites, WriteSet privateWrites, byte[] macKey) {
    byte[] pub = Hashes.sha256(encode(publicWrites));
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(macKey));
    byte[] priv = encode(privateWrites);
    mac.update(priv, 0, priv.length);
    byte[] m = new byte[32];
    mac.doFinal(m, 0);
    return Hashes.sha256(DOMAIN, previous, new ByteWriter(8).u64(height).toByteArray(), pub, m);
  }

  private static byte[] encode(WriteSet writes) {
    ByteWriter w = new ByteWriter();
    for (Map.Entry<byte[], byte[]> e : writes.entries().entrySet()) {
      w.bytes(e.getKey());
      if (e.getValue() == null) {
        w.u8(0);
      } else {
        w.u8(1).bytes(e.getValue());
      }
    }
    return w.toByteArray();
  }
}
