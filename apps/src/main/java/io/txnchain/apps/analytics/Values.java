package io.txnchain.apps.analytics;

import io.txnchain.tee.app.AppState;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * Contributed values in private state: each contribution is split into chunks of at most {@value
 * #CHUNK} values, so no state value exceeds 8 KiB, each chunk holding 8-byte big-endian
 * two's-complement values.
 */
final class Values {
  static final int CHUNK = 1024;

  private Values() {}

  static void store(AppState state, byte[] dataset, long contribution, long[] values) {
    for (int chunk = 0; chunk * CHUNK < values.length; chunk++) {
      int from = chunk * CHUNK;
      int to = Math.min(values.length, from + CHUNK);
      ByteBuffer buf = ByteBuffer.allocate((to - from) * Long.BYTES);
      for (int i = from; i < to; i++) {
        buf.putLong(values[i]);
      }
      state.put(Keys.chunk(dataset, contribution, chunk), buf.array());
    }
  }

  /**
   * Feeds every value of the first {@code contributions} contributions to {@code sink}. Reads chunk
   * by chunk with point lookups, so no scan limit can cut the data short.
   */
  static void forEach(AppState state, byte[] dataset, long contributions, LongConsumer sink) {
    for (long contribution = 0; contribution < contributions; contribution++) {
      for (int chunk = 0; ; chunk++) {
        byte[] stored = state.get(Keys.chunk(dataset, contribution, chunk));
        if (stored == null) {
          break;
        }
        ByteBuffer buf = ByteBuffer.wrap(stored);
        while (buf.hasRemaining()) {
          sink.accept(buf.getLong());
        }
      }
    }
  }
}
