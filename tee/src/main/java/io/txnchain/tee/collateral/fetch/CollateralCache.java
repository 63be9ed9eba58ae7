package io.txnchain.tee.collateral.fetch;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.collateral.SignedJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetched collateral on disk, one directory per item holding the response body and, when the
 * service sent one, its issuer chain, exactly as received. An entry is read back with the same
 * reader as the collateral directory and is good until the earliest {@code nextUpdate} (TCB Info,
 * QE Identity, CRLs) or {@code notAfter} (certificates) in it. Entries survive restarts. Thread-
 * safe.
 */
public final class CollateralCache {
  private static final String BODY = "body";
  private static final String CHAIN = "chain";

  private final Path dir;
  private final Map<String, Entry> memory = new ConcurrentHashMap<>();

  /** An item: its collateral, and until when it is good. */
  public record Entry(Collateral collateral, Instant validUntil) {}

  public CollateralCache(Path dir) {
    this.dir = dir;
  }

  /** The entry under {@code key}, or null when there is none (or it is unreadable). */
  public Entry get(String key) {
    Entry e = memory.get(key);
    if (e != null) {
      return e;
    }
    Path item = dir.resolve(key);
    if (!Files.isRegularFile(item.resolve(BODY))) {
      return null;
    }
    try {
      List<byte[]> files = new ArrayList<>();
      files.add(Files.readAllBytes(item.resolve(BODY)));
      if (Files.isRegularFile(item.resolve(CHAIN))) {
        files.add(Files.readAllBytes(item.resolve(CHAIN)));
      }
      e = entry(files);
    } catch (IOException | IllegalArgumentException unreadable) {
      return null;
    }
    memory.put(key, e);
    return e;
  }

  /**
   * Stores an item: the body and optional chain as received.
   *
   * @throws IOException when the directory cannot be written (the entry is then only in memory)
   */
  public Entry put(String key, byte[] body, byte[] chain) throws IOException {
    List<byte[]> files = new ArrayList<>();
    files.add(body);
    if (chain != null) {
      files.add(chain);
    }
    Entry e = entry(files);
    memory.put(key, e);
    Path item = dir.resolve(key);
    Files.createDirectories(item);
    // The chain goes first: an entry counts as present once its body is there.
    if (chain != null) {
      write(item.resolve(CHAIN), chain);
    } else {
      Files.deleteIfExists(item.resolve(CHAIN));
    }
    write(item.resolve(BODY), body);
    return e;
  }

  /**
   * Parses the files of one item.
   *
   * @throws IllegalArgumentException when a file is no collateral
   */
  public static Entry entry(List<byte[]> files) {
    Collateral c = Collateral.empty();
    for (byte[] f : files) {
      c = c.plus(CollateralFiles.read(f).collateral());
    }
    return new Entry(c, validUntil(c));
  }

  /** The earliest expiry of anything in {@code c}. */
  static Instant validUntil(Collateral c) {
    Instant until = Instant.MAX;
    for (X509Certificate x : c.certificates()) {
      until = min(until, x.getNotAfter().toInstant());
    }
    for (X509CRL x : c.crls()) {
      if (x.getNextUpdate() != null) {
        until = min(until, x.getNextUpdate().toInstant());
      }
    }
    List<SignedJson> signed = new ArrayList<>(c.tcbInfos());
    signed.addAll(c.qeIdentities());
    for (SignedJson j : signed) {
      try {
        until = min(until, Instant.parse(j.body().path("nextUpdate").asText()));
      } catch (DateTimeParseException e) {
        // The verifier reports a missing or malformed nextUpdate; caching it briefly is harmless.
        until = Instant.MIN;
      }
    }
    return until;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
