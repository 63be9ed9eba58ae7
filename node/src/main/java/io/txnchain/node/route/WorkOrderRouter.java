package io.txnchain.node.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bouncycastle.util.encoders.Hex;

/**
 * Chooses the node that takes a work order: this node while its quota for the app has room,
 * otherwise the serving peer with the most free room for the app (the least loaded). Peers are
 * learned by polling their {@code network_status}; a peer that does not answer, is not ready, has
 * diverged or runs other code (another measurement) is never chosen.
 *
 * <p>Every node executes every work order (they are ordered on the replicated log), so the choice
 * decides which node's quota and resources the client's session uses, not the result: a work order
 * forwarded to a node that dies is submitted again here with the same bytes, and the ledger's
 * duplicate check makes that idempotent.
 */
public final class WorkOrderRouter implements AutoCloseable {
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  /** A report older than this no longer counts: the peer may be gone. */
  private static final long STALE_MILLIS = 5_000;

  private volatile SortedMap<String, String> peerUrls;
  private final String measurementHex;
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http;
  private final Map<String, Peer> peers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final Supplier<Long> clock;
  private final Supplier<AttestationPolicy> policy;
  private final Function<AttestationPolicy, EvidenceVerifiers> verifiers;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> compliance = new ConcurrentHashMap<>();
  private final Map<String, AttestationPolicy> checkedUnder = new ConcurrentHashMap<>();
  private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();

  /** Evidence is fetched again this often even when the policy did not change. */
  private static final long RECHECK_MILLIS = 10_000;

  /**
   * @param peerUrls the other nodes' API URLs by name ({@code cluster.peers})
   * @param measurementHex this node's enclave measurement: peers must run the same code
   */
  public WorkOrderRouter(
      SortedMap<String, String> peerUrls,
      String measurementHex,
      Supplier<AttestationPolicy> policy,
      Function<AttestationPolicy, EvidenceVerifiers> verifiers,
      long pollMillis) {
    this.peerUrls = new TreeMap<>(peerUrls);
    this.policy = policy;
    this.verifiers = verifiers;
    this.measurementHex = measurementHex;
    this.clock = System::currentTimeMillis;
    this.http = HttpClient.newBuilder().connectTimeout(POLL_TIMEOUT).build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "work-order-router");
              t.setDaemon(true);
              return t;
            });
    // Polls even with no peers yet: nodes that join later are added by updatePeers.
    timer.scheduleWithFixedDelay(this::pollAll, 0, pollMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Replaces the set of peers (configured ones plus those the node directory on the ledger names),
   * so that nodes that joined after this one started are routed to and checked too.
   */
  public void updatePeers(SortedMap<String, String> urls) {
    if (!urls.equals(peerUrls)) {
      SortedMap<String, String> next = new TreeMap<>(urls);
      peerUrls = next;
      // What was learned of a peer that left the group is forgotten with it.
      for (Map<String, ?> about : List.of(peers, compliance, checkedUnder, checkedAt)) {
        about.keySet().retainAll(next.keySet());
      }
    }
  }

  private void pollAll() {
    for (Map.Entry<String, String> p : peerUrls.entrySet()) {
      poll(p.getKey(), p.getValue());
    }
  }

  private void poll(String id, String url) {
    AttestationPolicy now = policy.get();
    if (!now.equals(checkedUnder.get(id))
        || clock.get() - checkedAt.getOrDefault(id, 0L) > RECHECK_MILLIS) {
      attest(id, url, now);
    }
    post(url, request("network_status", mapper.createObjectNode()), POLL_TIMEOUT)
        .thenAccept(body -> peers.put(id, parse(id, url, body)))
        .exceptionally(
            e -> {
              peers.put(
                  id,
                  new Peer(id, url, false, compliance.get(id), Map.of(), Map.of(), clock.get()));
              return null;
            });
  }

  /** Fetches the peer's evidence over a fresh nonce and checks it under {@code now}. */
  private void attest(String id, String url, AttestationPolicy now) {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    ObjectNode params = mapper.createObjectNode().put("nonce", Hex.toHexString(nonce));
    post(url, request("node_getEvidence", params), POLL_TIMEOUT)
        .thenAccept(
            body -> {
              String why;
              try {
                why =
                    Compliance.failure(
                        mapper.readTree(body).path("result"), nonce, now, verifiers.apply(now));
              } catch (Exception e) {
                why = "unreadable evidence answer";
              }
              compliance.put(id, why == null ? "" : why);
              checkedUnder.put(id, now);
              checkedAt.put(id, clock.get());
            });
  }

  private Peer parse(String id, String url, String body) {
    Map<String, Integer> inFlight = new TreeMap<>();
    Map<String, Integer> free = new TreeMap<>();
    boolean serving = false;
    try {
      JsonNode self = mapper.readTree(body).at("/result/nodes/0");
      serving =
          self.path("healthy").asBoolean(false)
              && self.path("diverged").isNull()
              && measurementHex.equals(self.path("measurement").asText())
              && "".equals(compliance.get(id));
      self.path("apps")
          .fields()
          .forEachRemaining(
              e -> {
                int now = e.getValue().path("inFlight").asInt();
                inFlight.put(e.getKey(), now);
                free.put(e.getKey(), e.getValue().path("maxConcurrent").asInt() - now);
              });
    } catch (Exception e) {
      serving = false;
    }
    return new Peer(id, url, serving, complianceOf(id), inFlight, free, clock.get());
  }

  /**
   * The peer to send a work order for {@code app} to when this node's quota for it is used up: the
   * serving peer with the most free slots for it, or empty when none has room.
   */
  public Optional<Peer> elsewhere(String app) {
    long now = clock.get();
    Peer best = null;
    for (Peer p : peers.values()) {
      if (!p.serving() || now - p.seenMillis() > STALE_MILLIS) {
        continue;
      }
      int free = p.freeSlots().getOrDefault(app, 0);
      if (free > 0 && (best == null || free > best.freeSlots().getOrDefault(app, 0))) {
        best = p;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Sends a JSON-RPC request to {@code peer}; the future fails when the peer does not answer with a
   * JSON-RPC response in time.
   */
  public CompletableFuture<JsonNode> forward(Peer peer, ObjectNode request, Duration timeout) {
    return post(peer.url(), request, timeout)
        .thenApply(
            body -> {
              try {
                return mapper.readTree(body);
              } catch (Exception e) {
                throw new IllegalStateException("peer " + peer.id() + " answered garbage", e);
              }
            });
  }

  private ObjectNode request(String method, ObjectNode params) {
    ObjectNode body = mapper.createObjectNode();
    body.put("jsonrpc", "2.0").put("id", 1).put("method", method);
    body.set("params", params);
    return body;
  }

  /** Posts a JSON-RPC request to a node's {@code /rpc}; the future holds the response body. */
  private CompletableFuture<String> post(String url, ObjectNode request, Duration timeout) {
    return http.sendAsync(
            HttpRequest.newBuilder(URI.create(url + "/rpc"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(HttpResponse::body);
  }

  /** Marks one more work order for {@code app} as sent to {@code peer}. */
  public void taken(Peer peer, String app) {
    peers.computeIfPresent(
        peer.id(),
        (id, p) -> {
          Map<String, Integer> free = new TreeMap<>(p.freeSlots());
          free.merge(app, -1, Integer::sum);
          return new Peer(
              p.id(), p.url(), p.serving(), p.compliance(), p.inFlight(), free, p.seenMillis());
        });
  }

  /** The peers as last seen, for status. */
  public List<Peer> peers() {
    List<Peer> out = new ArrayList<>(new TreeMap<>(peers).values());
    SortedMap<String, String> urls = peerUrls;
    for (String id : urls.keySet()) {
      if (!peers.containsKey(id)) {
        out.add(new Peer(id, urls.get(id), false, complianceOf(id), Map.of(), Map.of(), 0));
      }
    }
    return out;
  }

  /** Null while compliant, else the reason; "not checked yet" before the first check. */
  private String complianceOf(String id) {
    String c = compliance.get(id);
    return c == null ? "not checked yet" : c.isEmpty() ? null : c;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
