package io.txnchain.replication;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots on disk: one directory per snapshot, {@code snapshot.<term>_<index>} (the naming of
 * Ratis' SimpleStateMachineStorage), in the Raft storage's state machine directory. That is the
 * directory Ratis ships from a leader and swaps in wholesale on a follower that installs a
 * snapshot. Each snapshot holds the applier's files under {@code state/} and a {@link
 * SnapshotManifest} written last; a directory without one is an interrupted snapshot.
 */
final class SnapshotStore implements StateMachineStorage {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
  private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
  private static final String STATE_DIR = "state";
  private static final String TMP_SUFFIX = ".tmp";

  /** Writes the applier's state into an empty directory. */
  @FunctionalInterface
  interface StateWriter {
    void write(Path dir) throws IOException;
  }

  /** A complete snapshot on disk, with the file list Ratis sends to followers. */
  record Snapshot(Path dir, SnapshotManifest manifest, FileListSnapshotInfo info) {
    long index() {
      return manifest.index();
    }

    long term() {
      return manifest.term();
    }

    /** The directory holding the applier's files. */
    Path stateDir() {
      return dir.resolve(STATE_DIR);
    }
  }

  private volatile Path dir;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    open(raftStorage.getStorageDir().getStateMachineDir().toPath());
  }

  /** Uses {@code stateMachineDir} and loads the latest complete snapshot in it. */
  void open(Path stateMachineDir) throws IOException {
    Files.createDirectories(stateMachineDir);
    this.dir = stateMachineDir;
    reload();
  }

  /**
   * Scans the directory again. Needed after Ratis replaced it with a snapshot from the leader.
   *
   * @return the latest complete snapshot, or null
   */
  Snapshot reload() throws IOException {
    Snapshot found = null;
    for (Snapshot s : complete()) {
      if (found == null || s.index() > found.index()) {
        found = s;
      }
    }
    latest.set(found);
    return found;
  }

  /** The latest complete snapshot, or null. */
  Snapshot latest() {
    return latest.get();
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    Snapshot s = latest.get();
    return s == null ? null : s.info();
  }

  @Override
  public void format() {
    // Nothing to do: a freshly formatted Raft storage has an empty state machine directory.
  }

  /**
   * Writes a snapshot covering the log up to {@code index}: into a temporary directory first, then
   * renamed, so a crash never leaves a half-written snapshot under a valid name.
   */
  Snapshot write(long term, long index, StateWriter writer) throws IOException {
    Path target = dir.resolve(name(term, index));
    if (Files.isDirectory(target)) {
      Snapshot existing = load(target);
      if (existing != null) {
        return publish(existing);
      }
      deleteTree(target);
    }
    Path tmp = dir.resolve(name(term, index) + TMP_SUFFIX);
    deleteTree(tmp);
    Path state = Files.createDirectories(tmp.resolve(STATE_DIR));
    writer.write(state);
    SnapshotManifest manifest = SnapshotManifest.describe(term, index, tmp, state);
    for (Path file : manifest.paths(tmp).subList(0, manifest.files().size())) {
      sync(file);
    }
    manifest.write(tmp);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(dir);
    return publish(load(target));
  }

  /**
   * Readies a snapshot received from the leader for the applier: removes the files Ratis added next
   * to the applier's (its {@code .md5} companions) and checks that every listed file arrived whole.
   *
   * @return the directory to hand to the applier
   */
  Path prepareInstall(Snapshot snapshot) throws IOException {
    Set<Path> listed = new HashSet<>(snapshot.manifest().paths(snapshot.dir()));
    try (Stream<Path> walk = Files.walk(snapshot.dir())) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        if (!listed.contains(file)) {
          Files.delete(file);
        }
      }
    }
    snapshot.manifest().verify(snapshot.dir());
    return snapshot.stateDir();
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    int keep = policy == null ? -1 : policy.getNumSnapshotsRetained();
    List<Snapshot> snapshots = complete();
    snapshots.sort(Comparator.comparingLong(Snapshot::index).reversed());
    Snapshot newest = latest.get();
    if (keep > 0) {
      for (Snapshot old : snapshots.subList(Math.min(keep, snapshots.size()), snapshots.size())) {
        if (newest == null || !old.dir().equals(newest.dir())) {
          LOG.debug("Deleting old snapshot {}", old.dir());
          deleteTree(old.dir());
        }
      }
    }
    // Interrupted snapshots: Ratis calls this on the thread that takes snapshots, so none is
    // being written now.
    Set<Path> kept = new HashSet<>();
    snapshots.forEach(s -> kept.add(s.dir()));
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        boolean partial =
            name.endsWith(TMP_SUFFIX) && NAME.matcher(name.replace(TMP_SUFFIX, "")).matches();
        boolean incomplete = NAME.matcher(name).matches() && !kept.contains(child);
        if (partial || incomplete) {
          LOG.debug("Deleting incomplete snapshot {}", child);
          deleteTree(child);
        }
      }
    }
  }

  private Snapshot publish(Snapshot s) {
    return latest.accumulateAndGet(
        s,
        (current, candidate) ->
            current == null || candidate.index() > current.index() ? candidate : current);
  }

  private List<Snapshot> complete() throws IOException {
    List<Snapshot> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        if (Files.isDirectory(child) && NAME.matcher(child.getFileName().toString()).matches()) {
          Snapshot s = load(child);
          if (s != null) {
            found.add(s);
          }
        }
      }
    }
    return found;
  }

  /** The snapshot in {@code snapshotDir}, or null if it is incomplete or inconsistent. */
  private static Snapshot load(Path snapshotDir) {
    Matcher m = NAME.matcher(snapshotDir.getFileName().toString());
    if (!m.matches() || !Files.isRegularFile(snapshotDir.resolve(SnapshotManifest.FILE_NAME))) {
      return null;
    }
    try {
      SnapshotManifest manifest = SnapshotManifest.read(snapshotDir);
      if (manifest.term() != Long.parseLong(m.group(1))
          || manifest.index() != Long.parseLong(m.group(2))) {
        LOG.warn("Ignoring snapshot {}: its manifest names another term/index", snapshotDir);
        return null;
      }
      manifest.verify(snapshotDir);
      List<FileInfo> files = new ArrayList<>();
      // No digests: Ratis computes them while sending and checks them on the receiving side.
      manifest.paths(snapshotDir).forEach(p -> files.add(new FileInfo(p, null)));
      FileListSnapshotInfo info =
          new FileListSnapshotInfo(files, TermIndex.valueOf(manifest.term(), manifest.index()));
      return new Snapshot(snapshotDir, manifest, info);
    } catch (IOException e) {
      LOG.warn("Ignoring unreadable snapshot {}: {}", snapshotDir, e.toString());
      return null;
    }
  }

  static String name(long term, long index) {
    return "snapshot." + term + "_" + index;
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot sync a directory; the rename is atomic all the same.
      LOG.debug("Cannot sync directory {}: {}", directory, e.toString());
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
