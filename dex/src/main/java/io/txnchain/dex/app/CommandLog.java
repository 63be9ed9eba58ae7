package io.txnchain.dex.app;

import io.txnchain.tee.app.AppHaltedException;
import io.txnchain.tee.app.AppState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;

/**
 * The DEX's durable state, all in the app's private state (sealed at rest, never shown to the
 * host):
 *
 * <ul>
 *   <li>{@code "log/" || u64 seq} (big-endian, from 1): the {@link LoggedCommand}s accepted so far;
 *   <li>{@code "head"}: {@code u64 seq || stateHash(32)}, the last entry and the engine's {@code
 *       stateHash()} right after it;
 *   <li>{@code "config"}: the {@link DexConfig#fingerprint()} the log was written under;
 *   <li>{@code "withdrawal/" || u64 id}: withdrawal requests, as JSON, for the settlement bridge.
 * </ul>
 *
 * <p>The engine lives in memory; a new app object rebuilds it by replaying the log from the start
 * ({@link #rebuild}). Replay time therefore grows with the number of commands ever accepted, each
 * signed order's signature being recovered again; engine snapshots, which would bound it, come with
 * replication.
 */
final class CommandLog {
  static final byte[] LOG_PREFIX = ascii("log/");
  static final byte[] HEAD = ascii("head");
  static final byte[] CONFIG = ascii("config");
  static final byte[] WITHDRAWAL_PREFIX = ascii("withdrawal/");

  /** Entries per scan: all entries sharing the first 7 bytes of their sequence number. */
  static final int CHUNK = 256;

  private static final int HASH = 32;

  /** Where the log ends and what the engine's state hash was there. */
  record Head(long seq, byte[] stateHash) {
    static final Head EMPTY = new Head(0, null);
  }

  private CommandLog() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code prefix || u64 n}. */
  static byte[] key(byte[] prefix, long n) {
    byte[] k = Arrays.copyOf(prefix, prefix.length + 8);
    for (int i = 0; i < 8; i++) {
      k[prefix.length + i] = (byte) (n >>> (56 - 8 * i));
    }
    return k;
  }

  static Head head(AppState state) {
    byte[] v = state.get(HEAD);
    if (v == null) {
      return Head.EMPTY;
    }
    if (v.length != 8 + HASH) {
      throw new AppHaltedException("dex: the command log head is corrupt");
    }
    long seq = 0;
    for (int i = 0; i < 8; i++) {
      seq = (seq << 8) | (v[i] & 0xff);
    }
    return new Head(seq, Arrays.copyOfRange(v, 8, v.length));
  }

  /** Appends entry {@code seq} and moves the head to it. */
  static void append(AppState state, long seq, LoggedCommand entry, byte[] stateHash) {
    state.put(key(LOG_PREFIX, seq), entry.encode());
    byte[] head = key(new byte[0], seq);
    byte[] v = Arrays.copyOf(head, 8 + HASH);
    System.arraycopy(stateHash, 0, v, 8, HASH);
    state.put(HEAD, v);
  }

  /**
   * A new exchange with every logged command replayed, checked against the recorded configuration
   * and state hash.
   *
   * @throws AppHaltedException when the log does not rebuild the recorded state: this node computes
   *     something else than the one that wrote the log, and must not go on
   */
  static Exchange rebuild(DexConfig config, AppState state, Head head) {
    Exchange ex = new Exchange(config);
    if (head.seq() == 0) {
      ex.committed(0, null);
      return ex;
    }
    byte[] recorded = state.get(CONFIG);
    if (recorded == null || !Arrays.equals(recorded, config.fingerprint())) {
      throw new AppHaltedException(
          "dex: this node's DEX configuration (markets, tokens, fees, domain) differs from the one"
              + " its command log was written under; start it with the network's configuration");
    }
    long next = 1;
    for (long chunk = 0; chunk <= head.seq() / CHUNK; chunk++) {
      byte[] prefix = Arrays.copyOf(key(LOG_PREFIX, chunk * CHUNK), LOG_PREFIX.length + 7);
      List<Map.Entry<byte[], byte[]>> rows = state.scan(prefix, CHUNK);
      for (Map.Entry<byte[], byte[]> row : rows) {
        if (next > head.seq()) {
          break;
        }
        if (!Arrays.equals(row.getKey(), key(LOG_PREFIX, next))) {
          throw new AppHaltedException("dex: command log entry " + next + " is missing");
        }
        replay(ex, next, row.getValue());
        next++;
      }
    }
    if (next != head.seq() + 1) {
      throw new AppHaltedException("dex: command log entry " + next + " is missing");
    }
    byte[] hash = ex.engine().stateHash();
    if (!Arrays.equals(hash, head.stateHash())) {
      throw new AppHaltedException(
          "dex: replaying "
              + head.seq()
              + " logged commands gives engine state hash "
              + Hex.toHexString(hash)
              + " but the ledger recorded "
              + Hex.toHexString(head.stateHash())
              + "; this node has diverged and must stop");
    }
    ex.committed(head.seq(), hash);
    return ex;
  }

  private static void replay(Exchange ex, long seq, byte[] bytes) {
    LoggedCommand entry;
    try {
      entry = LoggedCommand.decode(bytes);
    } catch (RuntimeException e) {
      throw new AppHaltedException("dex: command log entry " + seq + " is corrupt", e);
    }
    Outcome out = ex.apply(entry.blockTimeMillis(), entry.txId(), entry.command());
    if (!out.accepted()) {
      throw new AppHaltedException(
          "dex: logged command "
              + seq
              + " (transaction "
              + entry.txId()
              + ") was accepted when it ran but is refused on replay; this node has diverged and"
              + " must stop");
    }
  }
}
