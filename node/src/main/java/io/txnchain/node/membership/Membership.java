package io.txnchain.node.membership;

import io.txnchain.governance.GovernanceView;
import io.txnchain.governance.directory.NodeDirectoryApp;
import io.txnchain.ledger.machine.RejectCode;
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
 *       signed by its enclave identity key) as soon as it has joined, member of the group or not
 *       yet, and again when its addresses change;
 *   <li>the leader adds to the group every node the directory names whose identity key governance
 *       admits, retrying with a growing pause until the node runs and has caught up: the request
 *       lives on the ledger, so it survives the restart of the node that admitted the joiner and
 *       any change of leader;
 *   <li>the leader drops from the group every member whose identity key governance removed;
 *   <li>the peers the router and compliance checks poll are the configured ones plus the members
 *       the directory names.
 * </ul>
 */
public final class Membership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

  /** The longest pause between two attempts to add a node that does not come up. */
  static final long MAX_ADD_PAUSE_MILLIS = 60_000;

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

  /** Member id to the next attempt at adding it; only the membership thread touches it. */
  private final Map<String, Attempt> attempts = new TreeMap<>();

  private volatile List<String> joining = List.of();
  private volatile boolean registering;

  /**
   * The last directory entry (its signed message) the ledger answered, recorded or refused: a node
   * not yet in the group does not see its own entry in its copy of the ledger, and must not send it
   * again every tick.
   */
  private volatile String answered = "";

  private record Attempt(long notBeforeMillis, long pauseMillis) {}

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
   * The member ids the directory names, governance admits and the group does not hold yet, as this
   * node last saw them: nodes on their way in, for status.
   */
  public List<String> joining() {
    return joining;
  }

  private void tick() {
    try {
      SortedMap<String, NodeDirectoryApp.Entry> directory = NodeDirectoryApp.read(state);
      publishPeers(directory);
      register(directory);
      List<NodeDirectoryApp.Entry> admitted = admittedNonMembers(directory);
      joining = admitted.stream().map(NodeDirectoryApp.Entry::memberId).toList();
      if (log.isLeader()) {
        addAdmitted(admitted);
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
    // No wait for a leader: a node that joined but is not in the group yet hears from none until
    // it is added, and this entry is what gets it added. Its replication client finds the leader
    // among the members it was told of at its first start.
    if (registering) {
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
    String messageHex = Hex.toHexString(message);
    if (messageHex.equals(answered)) {
      return;
    }
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
            return;
          }
          answered = messageHex;
          if (c.outcome().isRecorded()) {
            LOG.info("registered {} in the node directory at height {}", memberId, c.height());
          } else if (c.outcome().code() != RejectCode.DUPLICATE_TRANSACTION) {
            LOG.warn("directory registration of {} refused: {}", memberId, c.outcome().message());
          }
        });
  }

  private List<NodeDirectoryApp.Entry> admittedNonMembers(
      SortedMap<String, NodeDirectoryApp.Entry> directory) {
    List<NodeDirectoryApp.Entry> out = new ArrayList<>();
    for (NodeDirectoryApp.Entry e : directory.values()) {
      if (!log.isMember(e.memberId()) && governance.refusalOf(e.identityKey()) == null) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Adds each admitted node the group lacks. A configuration change waits until the new member has
   * caught up, so one that is down fails after Ratis' timeout; it is tried again after a pause that
   * doubles up to {@link #MAX_ADD_PAUSE_MILLIS}, for as long as governance admits it.
   */
  private void addAdmitted(List<NodeDirectoryApp.Entry> admitted) {
    attempts.keySet().retainAll(admitted.stream().map(NodeDirectoryApp.Entry::memberId).toList());
    long now = System.currentTimeMillis();
    for (NodeDirectoryApp.Entry e : admitted) {
      Attempt last = attempts.get(e.memberId());
      if (last != null && now < last.notBeforeMillis()) {
        continue;
      }
      try {
        log.addMember(e.memberId(), e.raftAddress());
        attempts.remove(e.memberId());
        LOG.info("added {} at {} to the replication group", e.memberId(), e.raftAddress());
      } catch (IOException ex) {
        long pause =
            last == null
                ? intervalMillis
                : Math.min(MAX_ADD_PAUSE_MILLIS, Math.max(intervalMillis, last.pauseMillis() * 2));
        attempts.put(e.memberId(), new Attempt(System.currentTimeMillis() + pause, pause));
        LOG.info(
            "{} at {} not added to the replication group yet ({}); next try in {} ms",
            e.memberId(),
            e.raftAddress(),
            ex.getMessage(),
            pause);
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
