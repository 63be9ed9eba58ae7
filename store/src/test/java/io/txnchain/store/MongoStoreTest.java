package io.txnchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.txnchain.store.embedded.EmbeddedStore;
import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.mongo.MongoStore;
import io.txnchain.store.projection.Projection;
import io.txnchain.store.testing.DexSimulation;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The behaviour suite against an in-process server that speaks the MongoDB wire protocol
 * (mongo-java-server), through the official driver. Not a real MongoDB: see docs/store.md.
 */
class MongoStoreTest extends OrderBookStoreContract {
  private static MongoServer server;
  private static String base;
  private static int databases;
  private final Map<OrderBookStore, String> urls = new HashMap<>();

  @BeforeAll
  static void startServer() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    InetSocketAddress a = server.getLocalAddress();
    base = "mongodb://127.0.0.1:" + a.getPort() + "/";
  }

  @AfterAll
  static void stopServer() {
    server.shutdownNow();
  }

  @Override
  protected OrderBookStore newStore() {
    String url = base + "store_" + databases++;
    MongoStore s = MongoStore.open(url);
    urls.put(s, url);
    return s;
  }

  @Override
  protected OrderBookStore reopen(OrderBookStore store) {
    String url = urls.get(store);
    store.close();
    MongoStore s = MongoStore.open(url);
    urls.put(s, url);
    return s;
  }

  @Test
  void aBlockInterruptedAfterItsRedoRecordIsFinishedAtOpen() throws Exception {
    DexSimulation sim = new DexSimulation(19, 4);
    sim.addBlocks(30, 3);
    OrderBookStore straight = track(newStore());
    new Projection(straight, sim, DexSimulation.CONFIG.markets()).catchUp();

    // The update of the last block, as the projection computes it.
    List<BlockUpdate> updates = new ArrayList<>();
    Projection reference =
        new Projection(EmbeddedStore.inMemory(), sim, DexSimulation.CONFIG.markets());
    reference.addListener(updates::add);
    reference.catchUp();
    BlockUpdate last = updates.get(updates.size() - 1);

    // A store that died after writing the last block's redo record, before its rows and cursor.
    String name = "store_" + databases++;
    OrderBookStore s = MongoStore.open(base + name);
    Projection p = new Projection(s, sim, DexSimulation.CONFIG.markets());
    for (long h = 1; h < sim.head(); h++) {
      p.offer(sim.block(h));
    }
    s.close();
    ObjectMapper json = JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_IS_GETTERS).build();
    try (MongoClient client = MongoClients.create(base + name)) {
      client
          .getDatabase(name)
          .getCollection("projection_pending")
          .insertOne(
              new Document("_id", last.height()).append("update", json.writeValueAsString(last)));
    }
    OrderBookStore reopened = track(MongoStore.open(base + name));
    assertThat(reopened.appliedHeight()).isEqualTo(sim.head());
    assertThat(snapshot(reopened, sim)).isEqualTo(snapshot(straight, sim));
  }

  @Test
  void aSnapshotInAnInterruptedBlocksRedoRecordIsWrittenAtOpen() throws Exception {
    String name = "store_" + databases++;
    OrderBookStore s = MongoStore.open(base + name);
    s.apply(BlockUpdate.empty(1, 1));
    s.close();
    byte[] box = {7, 0, (byte) 0x80, (byte) 0xff, 1};
    SealedBalances b = new SealedBalances("0x" + "cd".repeat(20), 2, 9, "0x0a", box);
    BlockUpdate u =
        new BlockUpdate(
            2, 9, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(b));
    ObjectMapper json = JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_IS_GETTERS).build();
    try (MongoClient client = MongoClients.create(base + name)) {
      client
          .getDatabase(name)
          .getCollection("projection_pending")
          .insertOne(new Document("_id", 2L).append("update", json.writeValueAsString(u)));
    }
    OrderBookStore reopened = track(MongoStore.open(base + name));
    assertThat(reopened.appliedHeight()).isEqualTo(2);
    assertThat(reopened.sealedBalances(b.owner())).contains(b);
    assertThat(reopened.sealedBalances(b.owner()).orElseThrow().box()).containsExactly(box);
  }
}
