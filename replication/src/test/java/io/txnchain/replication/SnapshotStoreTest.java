package io.txnchain.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  @TempDir Path dir;

  @Test
  void publishesACompleteSnapshotWithItsFilesAndManifestLast() throws IOException {
    SnapshotStore store = open();
    SnapshotStore.Snapshot s = store.write(3, 120, SnapshotStoreTest::writeState);

    assertThat(s.dir().getFileName().toString()).isEqualTo("snapshot.3_120");
    assertThat(store.getLatestSnapshot().getTermIndex().getTerm()).isEqualTo(3);
    assertThat(store.getLatestSnapshot().getIndex()).isEqualTo(120);
    List<String> files =
        store.getLatestSnapshot().getFiles().stream()
            .map(FileInfo::getPath)
            .map(p -> SnapshotManifest.relative(s.dir(), p))
            .toList();
    assertThat(files).containsExactly("state/a.bin", "state/sub/b.bin", "MANIFEST");
    assertThat(Files.readString(s.stateDir().resolve("sub/b.bin"))).isEqualTo("bee");
  }

  @Test
  void findsTheLatestCompleteSnapshotAgainAndIgnoresInterruptedOnes() throws IOException {
    SnapshotStore store = open();
    store.write(1, 10, SnapshotStoreTest::writeState);
    store.write(2, 20, SnapshotStoreTest::writeState);
    // A crash while writing leaves a temporary directory or one without its manifest.
    Files.createDirectories(dir.resolve("snapshot.2_30.tmp/state"));
    Files.createDirectories(dir.resolve("snapshot.2_40/state"));

    SnapshotStore reopened = open();
    assertThat(reopened.latest().index()).isEqualTo(20);

    reopened.cleanupOldSnapshots(retain(5));
    assertThat(names()).containsExactlyInAnyOrder("snapshot.1_10", "snapshot.2_20");
  }

  @Test
  void keepsOnlyTheRetainedNumberOfSnapshots() throws IOException {
    SnapshotStore store = open();
    for (long i = 1; i <= 4; i++) {
      store.write(1, i * 10, SnapshotStoreTest::writeState);
    }
    store.cleanupOldSnapshots(retain(2));
    assertThat(names()).containsExactlyInAnyOrder("snapshot.1_30", "snapshot.1_40");
    assertThat(store.latest().index()).isEqualTo(40);
  }

  @Test
  void installStripsTheFilesRatisAddedAndChecksTheListedOnes() throws IOException {
    SnapshotStore store = open();
    SnapshotStore.Snapshot s = store.write(1, 10, SnapshotStoreTest::writeState);
    // What a follower holds after Ratis received the snapshot: an .md5 next to every file.
    Files.writeString(s.stateDir().resolve("a.bin.md5"), "x");
    Files.writeString(s.dir().resolve("MANIFEST.md5"), "x");

    Path state = store.prepareInstall(s);
    try (Stream<Path> files = Files.walk(state)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.bin", "b.bin");
    }
    assertThat(s.dir().resolve("MANIFEST.md5")).doesNotExist();

    Files.writeString(s.stateDir().resolve("a.bin"), "truncated");
    assertThatThrownBy(() -> store.prepareInstall(s)).isInstanceOf(IOException.class);
  }

  private static SnapshotRetentionPolicy retain(int count) {
    return new SnapshotRetentionPolicy() {
      @Override
      public int getNumSnapshotsRetained() {
        return count;
      }
    };
  }

  private SnapshotStore open() throws IOException {
    SnapshotStore store = new SnapshotStore();
    store.open(dir);
    return store;
  }

  private List<String> names() throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static void writeState(Path state) throws IOException {
    Files.writeString(state.resolve("a.bin"), "ay");
    Files.createDirectories(state.resolve("sub"));
    Files.writeString(state.resolve("sub/b.bin"), "bee");
  }
}
