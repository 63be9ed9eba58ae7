package io.txnchain.apps.analytics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The analytics app's state-key layout; see {@link AnalyticsApp} for the description. */
final class Keys {
  private static final byte DATASET = 'd';
  private static final byte CONTRIBUTOR = 'c';
  private static final byte CHUNK = 'v';

  private Keys() {}

  static byte[] dataset(byte[] name) {
    return named(DATASET, name, 0).array();
  }

  static byte[] contributor(byte[] name, String caller) {
    // Lower case so that one address counts once however its checksum casing arrives.
    byte[] address = caller.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return named(CONTRIBUTOR, name, address.length).put(address).array();
  }

  static byte[] chunk(byte[] name, long contribution, int chunk) {
    return named(CHUNK, name, Long.BYTES + Integer.BYTES)
        .putLong(contribution)
        .putInt(chunk)
        .array();
  }

  // The length prefix keeps one dataset's keys from being a prefix of another's.
  private static ByteBuffer named(byte tag, byte[] name, int extra) {
    return ByteBuffer.allocate(2 + name.length + extra).put(tag).put((byte) name.length).put(name);
  }
}
