package io.txnchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.store.embedded.EmbeddedStore;
import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.projection.Projection;
import io.txnchain.store.testing.DexSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
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

  @Test
  void aJournalWrittenBeforeSealedBalancesStillLoads() throws IOException {
    Path d = dir.resolve("old-journal");
    Files.createDirectories(d);
    // A line as the journal had it before sealed balances snapshots existed.
    Files.writeString(
        d.resolve(EmbeddedStore.JOURNAL),
        "{\"height\":1,\"timeMillis\":1800000000000,\"trades\":[],\"levels\":[],"
            + "\"orders\":[],\"candles\":[],\"markets\":[{\"market\":\"ETH-USDC\","
            + "\"lastSequence\":3,\"lastPrice\":7}],\"steps\":[]}\n");
    OrderBookStore s = track(EmbeddedStore.open(d));
    assertThat(s.appliedHeight()).isEqualTo(1);
    assertThat(s.market("ETH-USDC").orElseThrow().lastSequence()).isEqualTo(3);
    byte[] box = {0, 1, (byte) 0xfe, (byte) 0xff};
    SealedBalances b = new SealedBalances("0x" + "ab".repeat(20), 2, 5, "0x02", box);
    assertThat(
            s.apply(
                new BlockUpdate(
                    2,
                    5,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(b))))
        .isTrue();
    s.apply(BlockUpdate.empty(3, 6));
    s.close();
    List<String> lines = Files.readAllLines(d.resolve(EmbeddedStore.JOURNAL));
    assertThat(lines).hasSize(3);
    // Blocks without snapshots keep the old line format.
    assertThat(lines.get(2)).doesNotContain("balances");
    OrderBookStore reopened = track(EmbeddedStore.open(d));
    assertThat(reopened.appliedHeight()).isEqualTo(3);
    assertThat(reopened.sealedBalances(b.owner())).contains(b);
    assertThat(reopened.sealedBalances(b.owner()).orElseThrow().box()).containsExactly(box);
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
