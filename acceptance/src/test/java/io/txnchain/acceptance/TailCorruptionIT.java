package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.client.sdk.TxnChainClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, test 4: a follower's replicated log is cut in the middle of its last entry (as a crash
 * during a write leaves it); restarted, the node recovers to its last valid entry, catches up from
 * the leader, and ends with the same ledger as the others, never serving the corrupt data.
 */
class TailCorruptionIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final DataWrites writes = new DataWrites("t");

  @Test
  void aLogCutMidEntryRecoversToTheLastValidEntryAndCatchesUp() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<TxnChainClient> nodes = cluster.clients();
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        acknowledged.add(LocalCluster.submit(nodes, writes.next()));
      }
      cluster.awaitSameHead();
      int follower = (cluster.leader(0) + 1) % 3;
      cluster.kill9(follower);

      Path segment = openSegment(cluster.data().resolve("node-" + follower).resolve("raft"));
      long end = dataEnd(segment);
      assertThat(end).isGreaterThan(100);
      long cut = end - 5; // inside the last entry's checksum: the entry cannot verify
      try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
        f.setLength(cut);
      }

      List<TxnChainClient> others = new ArrayList<>(nodes);
      others.remove(follower);
      for (int i = 0; i < 20; i++) {
        acknowledged.add(LocalCluster.submit(others, writes.next()));
      }

      cluster.restart(follower);
      assertThat(cluster.awaitReadyz(follower, 200, Duration.ofSeconds(60))).isNotNull();
      cluster.awaitSameHead();
      TxnChainClient restarted = nodes.get(follower);
      for (String id : acknowledged) {
        assertThat(restarted.result(id).json().get("height").asLong()).as(id).isPositive();
      }
      assertThat(restarted.head().height())
          .isEqualTo(nodes.get((follower + 1) % 3).head().height());
    }
  }

  /** The segment being written: Ratis names it log_inprogress_<first index>. */
  private static Path openSegment(Path raftDir) throws IOException {
    try (Stream<Path> files = Files.walk(raftDir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("log_inprogress_"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no open log segment under " + raftDir));
    }
  }

  /** Segments are preallocated with zeros: the data ends at the last non-zero byte. */
  private static long dataEnd(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return end;
  }
}
