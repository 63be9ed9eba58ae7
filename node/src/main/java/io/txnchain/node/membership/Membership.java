package io.txnchain.node.membership;

import io.txnchain.governance.GovernanceView;
import io.txnchain.governance.directory.NodeDirectoryApp;
import io.txnchain.ledger.replication.ReplicatedLog;
import io.txnchain.ledger.state.StateReader;
import io.txnchain.node.sequencer.Committed;
import io.txnchain.node.sequencer.NetworkSubmitter;
import io.txnchain.node.sequencer.Sequencer;
import io.txnchain.tee.Enclave;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the replication group, the node directory on the ledger and governance in step, on a timer
 * of its own (configuration changes block until committed):
 *
 * <ul>
 *   <li>this node registers itself in the directory (member id, replication address, API URL,
 *       signed by its enclave identity key) once it is a member of the group, and again when its
 *       addresses change;
 *   <li>a node admitted through {@code node_join} is added to the group by the member that
 *       answered, retried until it has caught up and the change is committed or a deadline passes;
 *   <li>the leader drops from the group every member whose identity key governance removed;
 *   <li>the peers the router and compliance checks poll are the configured ones plus the members
 *       the directory names.
 * </ul>
 */
public final class Membership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

  /** How long the member that admitted a node keeps trying to add it to the group. */
  static final long ADD_DEADLINE_MILLIS = 5 * 60_000;

  private final String memberId;
  private final String raftAddress;
  private final Supplier<String> apiUrl;
  private final Enclave enclave;
  private final NetworkSubmitter submitter;
  private final StateReader state;
  private final GovernanceView governance;
  private final ReplicatedLog log;
  private final Sequencer sequencer;
  private final SortedMap<String, String> configuredPeers;
  private final Consumer<SortedMap<String, String>> peersListener;
  private final ScheduledExecutorService timer;
  private final long intervalMillis;
  private final Map<String, PendingAdd> pendingAdds = new ConcurrentSkipListMap<>();
  private volatile boolean registering;

  private record PendingAdd(String address, long deadlineMillis) {}

  /**
   * @param memberId this node's replication member id
   * @param raftAddress this node's replication address ({@code host:port}); empty in a network of
   *     one, which has no group to keep in step
   * @param apiUrl this node's API URL as peers reach it (known once its server listens)
   * @param submitter signs with the key derived from the network secret, which the directory app
   *     accepts
   * @param configuredPeers the other nodes' API URLs from configuration ({@code cluster.peers})
   * @param peersListener told the full set of peers whenever it changes
   */
  public Membership(
      String memberId,
      String raftAddress,
      Supplier<String> apiUrl,
      Enclave enclave,
      NetworkSubmitter submitter,
      StateReader state,
      GovernanceView governance,
      ReplicatedLog log,
      Sequencer sequencer,
      SortedMap<String, String> configuredPeers,
      Consumer<SortedMap<String, String>> peersListener,
      long intervalMillis) {
    this.memberId = memberId;
    this.raftAddress = raftAddress;
    this.apiUrl = apiUrl;
    this.enclave = enclave;
    this.submitter = submitter;
    this.state = state;
    this.governance = governance;
    this.log = log;
    this.sequencer = sequencer;
    this.configuredPeers = new TreeMap<>(configuredPeers);
    this.peersListener = peersListener;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "membership");
              t.setDaemon(true);
              return t;
            });
    this.intervalMillis = intervalMillis;
  }

  /** Starts the timer; call once the node's API listens (its URL goes into the directory). */
  public void start() {
    if (!raftAddress.isEmpty()) {
      timer.scheduleWithFixedDelay(this::tick, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Asks for {@code id} to be added to the group as soon as it runs and has caught up; called by
   * the member that admitted it. Returns at once.
   */
  public void requestAdd(String id, String address) {
    pendingAdds.put(id, new PendingAdd(address, System.currentTimeMillis() + ADD_DEADLINE_MILLIS));
    timer.execute(this::addPending);
  }

  /** The member ids still waiting to be added, for status. */
  public List<String> pendingAdds() {
    return new ArrayList<>(pendingAdds.keySet());
  }

  private void tick() {
    try {
      SortedMap<String, NodeDirectoryApp.Entry> directory = NodeDirectoryApp.read(state);
      publishPeers(directory);
      register(directory);
      addPending();
      if (log.isLeader()) {
        dropRemoved(directory);
      }
    } catch (RuntimeException e) {
      LOG.warn("membership check failed; retrying", e);
    }
  }

  private void publishPeers(SortedMap<String, NodeDirectoryApp.Entry> directory) {
    SortedMap<String, String> peers = new TreeMap<>(configuredPeers);
    for (NodeDirectoryApp.Entry e : directory.values()) {
      if (!e.memberId().equals(memberId) && log.isMember(e.memberId())) {
        peers.put(e.memberId(), e.apiUrl());
      }
    }
    // A configured peer that governance had removed from the group is no longer polled.
    peers.keySet().removeIf(id -> directory.containsKey(id) && !log.isMember(id));
    peersListener.accept(peers);
  }

  private void register(SortedMap<String, NodeDirectoryApp.Entry> directory) {
    if (registering || log.leaderId() == null || !log.isMember(memberId)) {
      return;
    }
    String key = Hex.toHexString(enclave.keys().identityKey());
    String url = apiUrl.get();
    NodeDirectoryApp.Entry recorded = directory.get(memberId);
    if (recorded != null
        && recorded.sameAs(new NodeDirectoryApp.Entry(memberId, raftAddress, url, key, ""))) {
      return;
    }
    byte[] message = NodeDirectoryApp.signedMessage(memberId, raftAddress, url, key);
    NodeDirectoryApp.Entry self =
        new NodeDirectoryApp.Entry(
            memberId, raftAddress, url, key, Hex.toHexString(enclave.sign(message)));
    // The client id follows the content (the signed message hashes the member id and addresses,
    // and stays within the client-id limit): resending the same entry is idempotent, a changed one
    // (new addresses after a restart) is a new transaction.
    CompletableFuture<Committed> committed =
        sequencer.submit(
            submitter.workOrder(
                NodeDirectoryApp.NAME, "dir-" + Hex.toHexString(message, 0, 24), self.encode()));
    if (committed == null) {
      return;
    }
    registering = true;
    committed.whenComplete(
        (c, failure) -> {
          registering = false;
          if (failure != null) {
            LOG.warn("directory registration of {} failed: {}", memberId, failure.getMessage());
          } else if (!c.outcome().isRecorded()) {
            LOG.warn("directory registration of {} refused: {}", memberId, c.outcome().message());
          } else {
            LOG.info("registered {} in the node directory at height {}", memberId, c.height());
          }
        });
  }

  private void addPending() {
    long now = System.currentTimeMillis();
    for (Map.Entry<String, PendingAdd> p : pendingAdds.entrySet()) {
      String id = p.getKey();
      if (log.isMember(id)) {
        pendingAdds.remove(id);
        continue;
      }
      if (now > p.getValue().deadlineMillis()) {
        pendingAdds.remove(id);
        LOG.warn(
            "gave up adding {} at {} to the replication group: it did not come up and catch up"
                + " in time; start it again to retry its join",
            id,
            p.getValue().address());
        continue;
      }
      try {
        log.addMember(id, p.getValue().address());
        pendingAdds.remove(id);
      } catch (IOException e) {
        LOG.info("{} not added to the replication group yet: {}", id, e.getMessage());
      }
    }
  }

  private void dropRemoved(SortedMap<String, NodeDirectoryApp.Entry> directory) {
    SortedMap<String, String> removed = governance.removedNodes();
    for (NodeDirectoryApp.Entry e : directory.values()) {
      if (removed.containsKey(e.identityKey()) && log.isMember(e.memberId())) {
        try {
          log.removeMember(e.memberId());
          LOG.info(
              "removed {} from the replication group: governance removed identity key {}",
              e.memberId(),
              e.identityKey());
        } catch (IOException ex) {
          LOG.warn(
              "could not remove {} from the replication group yet: {}",
              e.memberId(),
              ex.getMessage());
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
