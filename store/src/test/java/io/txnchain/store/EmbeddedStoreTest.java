package io.txnchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.store.embedded.EmbeddedStore;
import io.txnchain.store.projection.Projection;
import io.txnchain.store.testing.DexSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest extends OrderBookStoreContract {
  @TempDir Path dir;
  private int count;
  private final Map<OrderBookStore, Path> dirs = new HashMap<>();

  @Override
  protected OrderBookStore newStore() {
    Path d = dir.resolve("store-" + count++);
    EmbeddedStore s = EmbeddedStore.open(d);
    dirs.put(s, d);
    return s;
  }

  @Override
  protected OrderBookStore reopen(OrderBookStore store) {
    Path d = dirs.get(store);
    store.close();
    EmbeddedStore s = EmbeddedStore.open(d);
    dirs.put(s, d);
    return s;
  }

  @Test
  void aTornJournalLineIsCutOffAndRefilledFromTheLedger() throws IOException {
    DexSimulation sim = new DexSimulation(17, 4);
    sim.addBlocks(40, 3);
    OrderBookStore s = track(newStore());
    Path d = dirs.get(s);
    new Projection(s, sim, DexSimulation.CONFIG.markets()).catchUp();
    String full = snapshot(s, sim);
    s.close();
    Path journal = d.resolve(EmbeddedStore.JOURNAL);
    byte[] bytes = Files.readAllBytes(journal);
    // Keep half of the last line, as a crash in the middle of a write would.
    int lastLineStart = lastIndexOf(bytes, (byte) '\n', bytes.length - 2) + 1;
    int cut = lastLineStart + (bytes.length - lastLineStart) / 2;
    Files.write(journal, java.util.Arrays.copyOf(bytes, cut), StandardOpenOption.TRUNCATE_EXISTING);

    OrderBookStore reopened = track(EmbeddedStore.open(d));
    assertThat(reopened.appliedHeight()).isEqualTo(sim.head() - 1);
    assertThat(Files.size(journal)).isEqualTo(lastLineStart);
    new Projection(reopened, sim, DexSimulation.CONFIG.markets()).catchUp();
    assertThat(snapshot(reopened, sim)).isEqualTo(full);
    reopened.close();
    assertThat(snapshot(track(EmbeddedStore.open(d)), sim)).isEqualTo(full);
  }

  @Test
  void inMemoryStoreFollowsTheSameRules() {
    DexSimulation sim = new DexSimulation(4, 3);
    sim.addBlocks(30, 3);
    OrderBookStore mem = track(EmbeddedStore.inMemory());
    OrderBookStore disk = track(newStore());
    new Projection(mem, sim, DexSimulation.CONFIG.markets()).catchUp();
    new Projection(disk, sim, DexSimulation.CONFIG.markets()).catchUp();
    assertThat(snapshot(mem, sim)).isEqualTo(snapshot(disk, sim));
  }

  private static int lastIndexOf(byte[] b, byte v, int from) {
    for (int i = from; i >= 0; i--) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
