package io.txnchain.replication;

import io.txnchain.ledger.replication.EntryApplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A test applier: a running SHA-256 over the applied entries, kept in an append-only file with one
 * line per entry ({@code index term hash base64(entry)}), so its last applied index is durable the
 * moment {@link #apply} returns. It records what happened to it in this process.
 */
final class HashChainApplier implements EntryApplier {
  private static final String LOG_FILE = "applied.log";

  private final Path file;
  private final List<String> entries = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final long loadedIndex;
  private volatile String failOn;
  private byte[] hash = new byte[32];
  private long index;
  private long term;
  private int applyCalls;
  private int installs;
  private int snapshotsWritten;

  HashChainApplier(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.file = dir.resolve(LOG_FILE);
    load();
    this.loadedIndex = index;
  }

  /** Makes {@link #apply} throw on this entry, as a failing disk would. */
  void failOn(String entry) {
    this.failOn = entry;
  }

  @Override
  public synchronized byte[] apply(long index, long term, byte[] entry) {
    applyCalls++;
    if (new String(entry, StandardCharsets.UTF_8).equals(failOn)) {
      throw new IllegalStateException("simulated storage failure at " + index);
    }
    if (index <= this.index) {
      problems.add("apply(" + index + ") after " + this.index);
    }
    byte[] next = chain(hash, entry);
    String line =
        index
            + " "
            + term
            + " "
            + HexFormat.of().formatHex(next)
            + " "
            + Base64.getEncoder().encodeToString(entry)
            + "\n";
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.hash = next;
    this.index = index;
    this.term = term;
    entries.add(new String(entry, StandardCharsets.UTF_8));
    return next.clone();
  }

  @Override
  public synchronized long lastAppliedIndex() {
    return index;
  }

  @Override
  public synchronized long lastAppliedTerm() {
    return term;
  }

  @Override
  public synchronized void writeSnapshot(Path dir) throws IOException {
    snapshotsWritten++;
    if (Files.exists(file)) {
      Files.copy(file, dir.resolve(LOG_FILE));
    } else {
      Files.createFile(dir.resolve(LOG_FILE));
    }
  }

  @Override
  public synchronized void installSnapshot(Path dir) throws IOException {
    installs++;
    Path tmp = file.resolveSibling(LOG_FILE + ".installing");
    Files.copy(dir.resolve(LOG_FILE), tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    load();
  }

  synchronized String hashHex() {
    return HexFormat.of().formatHex(hash);
  }

  synchronized List<String> entries() {
    return List.copyOf(entries);
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** The last applied index when this instance was created (what was durable before). */
  long loadedIndex() {
    return loadedIndex;
  }

  synchronized int applyCalls() {
    return applyCalls;
  }

  synchronized int installs() {
    return installs;
  }

  synchronized int snapshotsWritten() {
    return snapshotsWritten;
  }

  private void load() throws IOException {
    entries.clear();
    hash = new byte[32];
    index = 0;
    term = 0;
    if (!Files.exists(file)) {
      return;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    // A line without its newline was cut short by a crash: that entry was never applied.
    int end = text.lastIndexOf('\n') + 1;
    for (String line : text.substring(0, end).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ");
      index = Long.parseLong(f[0]);
      term = Long.parseLong(f[1]);
      hash = HexFormat.of().parseHex(f[2]);
      entries.add(new String(Base64.getDecoder().decode(f[3]), StandardCharsets.UTF_8));
    }
  }

  private static byte[] chain(byte[] previous, byte[] entry) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous);
      sha.update(entry);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
