package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.TxnChainClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole network as seen from one node: that node's {@code network_status}, each peer's own
 * entry read from the peer itself, and whether their state roots agree.
 *
 * <p>Nodes are compared at the lowest height every reachable node has, since heights move on
 * between reads (nodes sign headers every second) and roots at different heights always differ.
 */
final class NetworkSurvey {
  /** How long a peer gets to answer; an unreachable peer must not hold up the whole status. */
  static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);

  private NetworkSurvey() {}

  /**
   * The queried node's status with {@code nodes} holding every node (the queried one first, then
   * the peers in the order it lists them, each with {@code reachable}) and an {@code agreement}
   * object: {@code {height, agree, stateRoots: {id: root}, unreachable: [id]}}.
   */
  static ObjectNode survey(TxnChainClient queried, JsonNode status) {
    ObjectNode out = status.deepCopy();
    List<Member> members = new ArrayList<>();
    for (JsonNode self : status.path("nodes")) {
      members.add(new Member(self.path("id").asText("?"), queried, self.deepCopy(), null));
    }
    List<JsonNode> peers = new ArrayList<>();
    status.path("peers").forEach(peers::add);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, peers.size())));
    try {
      List<CompletableFuture<Member>> reads = new ArrayList<>();
      for (JsonNode peer : peers) {
        reads.add(CompletableFuture.supplyAsync(() -> read(peer), pool));
      }
      reads.forEach(r -> members.add(r.join()));
      agreement(out.putObject("agreement"), members, pool);
    } finally {
      pool.shutdownNow();
    }
    ArrayNode nodes = out.putArray("nodes");
    for (Member m : members) {
      if (m.self != null) {
        nodes.add(m.self.put("reachable", true));
      } else {
        nodes
            .addObject()
            .put("id", m.id)
            .put("url", m.client.node().toString())
            .put("reachable", false)
            .put("error", m.error);
      }
    }
    return out;
  }

  private static Member read(JsonNode peer) {
    String id = peer.path("id").asText("?");
    TxnChainClient client =
        new TxnChainClient(
            URI.create(peer.path("url").asText()),
            TxnChainClient.defaultHttpClient(),
            PEER_TIMEOUT);
    try {
      JsonNode self =
          client.call("network_status", Output.MAPPER.createObjectNode()).path("nodes").path(0);
      if (!self.isObject()) {
        return new Member(id, client, null, "its network_status names no node");
      }
      return new Member(id, client, (ObjectNode) self.deepCopy(), null);
    } catch (RuntimeException e) {
      return new Member(id, client, null, String.valueOf(e.getMessage()));
    }
  }

  private static void agreement(ObjectNode into, List<Member> members, ExecutorService pool) {
    List<Member> reachable = members.stream().filter(m -> m.self != null).toList();
    ArrayNode unreachable = into.putArray("unreachable");
    members.stream().filter(m -> m.self == null).forEach(m -> unreachable.add(m.id));
    if (reachable.isEmpty()) {
      into.put("agree", false);
      return;
    }
    long height =
        reachable.stream().mapToLong(m -> m.self.path("height").asLong()).min().getAsLong();
    into.put("height", height);
    List<CompletableFuture<String>> roots = new ArrayList<>();
    for (Member m : reachable) {
      roots.add(CompletableFuture.supplyAsync(() -> rootAt(m, height), pool));
    }
    Map<String, String> byNode = new TreeMap<>();
    for (int i = 0; i < reachable.size(); i++) {
      byNode.put(reachable.get(i).id, roots.get(i).join());
    }
    ObjectNode stateRoots = into.putObject("stateRoots");
    byNode.forEach(stateRoots::put);
    into.put(
        "agree",
        byNode.values().stream().distinct().count() == 1 && !byNode.containsValue(UNKNOWN));
  }

  /** Stands for a root a node did not give; never equal to a hex root. */
  static final String UNKNOWN = "unknown";

  private static String rootAt(Member m, long height) {
    if (m.self.path("height").asLong() == height && m.self.hasNonNull("stateRoot")) {
      return m.self.get("stateRoot").asText();
    }
    try {
      ObjectNode params = Output.MAPPER.createObjectNode().put("height", height);
      return m.client.call("chain_getBlock", params).path("stateRoot").asText(UNKNOWN);
    } catch (RuntimeException e) {
      return UNKNOWN;
    }
  }

  private record Member(String id, TxnChainClient client, ObjectNode self, String error) {}
}
