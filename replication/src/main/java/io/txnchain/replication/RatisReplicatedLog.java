package io.txnchain.replication;

import io.txnchain.ledger.replication.EntryApplier;
import io.txnchain.ledger.replication.ReplicatedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.ExitUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReplicatedLog} on Apache Ratis: one Raft server per member, over gRPC, plus a client
 * through which this member proposes (Ratis forwards to the leader).
 *
 * <p>Entries are handed to the {@link EntryApplier} with their Raft log index. Raft indexes also
 * count Ratis' own entries (leader no-ops, configurations, commit-index metadata), so consecutive
 * entries need not have consecutive indexes: do not use them as ledger heights.
 */
public final class RatisReplicatedLog implements ReplicatedLog {
  private static final Logger LOG = LoggerFactory.getLogger(RatisReplicatedLog.class);

  private final RatisLogConfig config;
  private final RaftServer server;
  private final RaftServer.Division division;
  // Replaced after a proposal exhausts its retries: Ratis closes a client's ordered stream then,
  // and every later proposal through it would fail as closed.
  private volatile RaftClient client;
  private final RaftGroup group;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RatisReplicatedLog(
      RatisLogConfig config,
      RaftServer server,
      RaftServer.Division division,
      RaftClient client,
      RaftGroup group) {
    this.group = group;
    this.config = config;
    this.server = server;
    this.division = division;
    this.client = client;
  }

  /**
   * Starts this member: recovers its storage if it has any, formats a new one otherwise, and joins
   * the group. Returns once the server runs; a leader is elected in the background, and proposals
   * made before then wait for it (within the request timeout).
   */
  public static RatisReplicatedLog start(RatisLogConfig config, EntryApplier applier)
      throws IOException {
    return start(config, applier, false);
  }

  /**
   * Starts a member that the group does not hold yet, to be added by a configuration change ({@link
   * #addMember} on a member). Its server starts outside the configuration (its peers minus itself),
   * so it waits for the leader instead of calling elections: a candidate the others do not know is
   * told to shut down, and Ratis closes it for good. Storage it already has (a restart after it was
   * added) is recovered as by {@link #start}.
   */
  public static RatisReplicatedLog startJoining(RatisLogConfig config, EntryApplier applier)
      throws IOException {
    return start(config, applier, true);
  }

  private static RatisReplicatedLog start(
      RatisLogConfig config, EntryApplier applier, boolean joining) throws IOException {
    RatisGlobals.apply();
    RaftGroup group = group(config);
    // FORMAT refuses existing storage and RECOVER is only right for it: choose explicitly.
    boolean existing = Files.isDirectory(config.storageDir().resolve(config.groupId().toString()));
    RaftGroup serverGroup = joining && !existing ? asListener(group, config.memberId()) : group;
    RaftServer server =
        RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(config.memberId()))
            .setGroup(serverGroup)
            .setStateMachine(new ApplierStateMachine(applier))
            .setProperties(RatisProperties.server(config))
            .setOption(
                existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
            .build();
    RaftClient client = null;
    try {
      server.start();
      RaftServer.Division division = server.getDivision(group.getGroupId());
      client = newClient(config, group, serverGroup);
      LOG.info(
          "{} started on {}:{} ({} storage)",
          config.memberId(),
          config.host(),
          config.port(),
          existing ? "recovered" : "new");
      return new RatisReplicatedLog(config, server, division, client, group);
    } catch (IOException | RuntimeException e) {
      // A half-started server keeps non-daemon threads alive: stop everything before failing.
      closeQuietly(client);
      closeQuietly(server);
      if (e instanceof ExitUtils.ExitException) {
        throw new IOException(
            "cannot start " + config.memberId() + " on " + config.host() + ":" + config.port(),
            e.getCause() == null ? e : e.getCause());
      }
      throw e;
    }
  }

  /**
   * A client of every peer, this one included; it tries this member first if this member started in
   * the configuration, else a member that did (a joiner could not answer it).
   */
  private static RaftClient newClient(RatisLogConfig config, RaftGroup group, RaftGroup startedIn) {
    RaftPeerId self = RaftPeerId.valueOf(config.memberId());
    RaftPeerId first =
        startedIn.getPeer(self).getStartupRole() != RaftPeerRole.LISTENER
            ? self
            : startedIn.getPeers().stream()
                .filter(p -> p.getStartupRole() != RaftPeerRole.LISTENER)
                .findFirst()
                .orElseThrow()
                .getId();
    return RaftClient.newBuilder()
        .setClientId(ClientId.randomId())
        .setRaftGroup(group)
        .setLeaderId(first)
        .setProperties(RatisProperties.client(config))
        .setRetryPolicy(RatisProperties.clientRetryPolicy(config))
        .build();
  }

  /** Replaces {@code failed} by a new client, unless another thread did already. */
  private synchronized void renewClient(RaftClient failed) {
    if (closed.get() || client != failed) {
      return;
    }
    client = newClient(config, group, group);
    // Closed on its own thread: this runs inside a Ratis callback that may hold the failed client's
    // sliding-window lock (a request timeout fails all its requests), and closing fails the
    // remaining requests under that same lock from another thread and waits for it: a deadlock
    // that also froze every later proposal timeout (they need this monitor).
    Thread closer = new Thread(() -> closeQuietly(failed), config.memberId() + "-client-close");
    closer.setDaemon(true);
    closer.start();
    LOG.info("{}: replaced the proposal client after a failed proposal", config.memberId());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fails with a {@link ProposalException}. The caller's thread blocks while {@link
   * RatisLogConfig#maxInFlightProposals()} proposals are unanswered. A failed proposal was never
   * acknowledged; after {@link ProposalException.Reason#TIMED_OUT} it may still be committed later.
   */
  @Override
  public CompletableFuture<byte[]> propose(byte[] entry) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new ProposalException(
              ProposalException.Reason.CLOSED, config.memberId() + " is closed", null));
    }
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    RaftClient sender = client;
    CompletableFuture<RaftClientReply> sent;
    try {
      sent = sender.async().send(Message.valueOf(ByteString.copyFrom(entry)));
    } catch (RuntimeException e) {
      ProposalException failure = failure(e);
      if (failure.reason() != ProposalException.Reason.APPLY_FAILED) {
        renewClient(sender);
      }
      return CompletableFuture.failedFuture(failure);
    }
    // Our own deadline as well as Ratis': an attempt that started just before the retry policy's
    // deadline could otherwise run for another whole request timeout.
    sent.thenApply(RatisReplicatedLog::content)
        .orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (reply, error) -> {
              if (error == null) {
                result.complete(reply);
              } else {
                ProposalException failure = failure(error);
                if (failure.reason() == ProposalException.Reason.TIMED_OUT
                    || failure.reason() == ProposalException.Reason.CLOSED) {
                  renewClient(sender);
                }
                result.completeExceptionally(failure);
              }
            });
    return result;
  }

  @Override
  public String memberId() {
    return config.memberId();
  }

  /** The current leader's id, or null while none is known. */
  @Override
  public String leaderId() {
    RaftPeerId leader = division.getInfo().getLeaderId();
    return leader == null ? null : leader.toString();
  }

  @Override
  public boolean healthy() {
    return division.getInfo().isAlive();
  }

  /** The highest commit index any member reported, less this member's last applied index. */
  @Override
  public long lag() {
    long committed = division.getRaftLog().getLastCommittedIndex();
    for (CommitInfoProto c : division.getCommitInfos()) {
      committed = Math.max(committed, c.getCommitIndex());
    }
    return Math.max(0, committed - division.getInfo().getLastAppliedIndex());
  }

  @Override
  public boolean isLeader() {
    return division.getInfo().isLeader();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The members are those of the configuration this member knows (committed or being committed),
   * which changes with {@link #addMember} and {@link #removeMember}. For this member, the index is
   * the last one its state machine applied, and the role is Ratis' ({@code LEADER}, {@code
   * FOLLOWER}, {@code CANDIDATE}, {@code LISTENER}), {@code STOPPED} once its state machine has
   * failed, or {@code NOT_A_MEMBER} once removed. For the others, the index is the last commit
   * index they reported (Ratis shares commit, not applied, indexes), or 0, and the role is {@code
   * LEADER}, {@code FOLLOWER}, {@code UNREACHABLE} (seen from a leader that has not heard from it
   * for longer than the maximum election timeout) or {@code UNKNOWN} (no leader known).
   */
  @Override
  public List<MemberStatus> members() {
    DivisionInfo info = division.getInfo();
    RaftPeerId leader = info.getLeaderId();
    Map<String, Long> commits = new HashMap<>();
    for (CommitInfoProto c : division.getCommitInfos()) {
      commits.put(RaftPeerId.valueOf(c.getServer().getId()).toString(), c.getCommitIndex());
    }
    Map<String, Long> silentMillis = new HashMap<>();
    RoleInfoProto role = info.getRoleInfoProto();
    if (role.hasLeaderInfo()) {
      for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
        silentMillis.put(
            RaftPeerId.valueOf(f.getId().getId()).toString(), f.getLastRpcElapsedTimeMs());
      }
    }
    List<RaftPeer> peers = new ArrayList<>(currentPeers());
    if (peers.stream().noneMatch(p -> p.getId().toString().equals(config.memberId()))) {
      peers.add(
          RaftPeer.newBuilder().setId(config.memberId()).setAddress(config.address()).build());
    }
    peers.sort(Comparator.comparing(p -> p.getId().toString()));
    List<MemberStatus> members = new ArrayList<>();
    for (RaftPeer peer : peers) {
      String id = peer.getId().toString();
      if (id.equals(config.memberId())) {
        String self;
        if (!info.isAlive()) {
          self = "STOPPED";
        } else if (!isMember(id)) {
          self = "NOT_A_MEMBER";
        } else {
          self = info.getCurrentRole().name();
        }
        members.add(new MemberStatus(id, peer.getAddress(), self, info.getLastAppliedIndex()));
        continue;
      }
      String memberRole;
      if (leader != null && id.equals(leader.toString())) {
        memberRole = "LEADER";
      } else if (silentMillis.getOrDefault(id, 0L) > config.electionTimeoutMax().toMillis()) {
        memberRole = "UNREACHABLE";
      } else {
        memberRole = leader == null ? "UNKNOWN" : "FOLLOWER";
      }
      members.add(
          new MemberStatus(id, peer.getAddress(), memberRole, commits.getOrDefault(id, 0L)));
    }
    return members;
  }

  private Collection<RaftPeer> currentPeers() {
    return division.getRaftConf().getCurrentPeers();
  }

  @Override
  public int memberCount() {
    return currentPeers().size();
  }

  @Override
  public boolean isMember(String id) {
    return currentPeers().stream().anyMatch(p -> p.getId().toString().equals(id));
  }

  @Override
  public void addMember(String id, String address) throws IOException {
    if (isMember(id)) {
      return;
    }
    RaftPeer peer = RaftPeer.newBuilder().setId(id).setAddress(address).build();
    change(
        SetConfigurationRequest.Arguments.newBuilder()
            .setServersInNewConf(List.of(peer))
            .setMode(SetConfigurationRequest.Mode.ADD)
            .build(),
        "add " + id + " at " + address);
  }

  @Override
  public void removeMember(String id) throws IOException {
    List<RaftPeer> current = new ArrayList<>(currentPeers());
    List<RaftPeer> next = new ArrayList<>(current);
    if (!next.removeIf(p -> p.getId().toString().equals(id))) {
      return;
    }
    if (next.isEmpty()) {
      throw new IOException("cannot remove the group's last member");
    }
    // Compare-and-set: a configuration someone else changed meanwhile is not overwritten.
    change(
        SetConfigurationRequest.Arguments.newBuilder()
            .setServersInCurrentConf(current)
            .setServersInNewConf(next)
            .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
            .build(),
        "remove " + id);
  }

  private void change(SetConfigurationRequest.Arguments arguments, String what) throws IOException {
    if (closed.get()) {
      throw new IOException(config.memberId() + " is closed");
    }
    RaftClientReply reply = client.admin().setConfiguration(arguments);
    if (!reply.isSuccess()) {
      throw new IOException(
          "could not "
              + what
              + ": "
              + (reply.getException() == null ? "refused" : reply.getException().getMessage()),
          reply.getException());
    }
    LOG.info("{}: configuration change committed: {}", config.memberId(), what);
  }

  /** Stops the client, then the server; returns once their threads have ended. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(client);
    closeQuietly(server);
    LOG.info("{} stopped", config.memberId());
  }

  /**
   * {@code group} with {@code memberId} as a listener: Ratis wants a server in the group it starts
   * with, and a listener receives entries but never calls an election; the leader's configuration
   * change makes it a voting follower.
   */
  private static RaftGroup asListener(RaftGroup group, String memberId) {
    List<RaftPeer> peers = new ArrayList<>();
    for (RaftPeer p : group.getPeers()) {
      peers.add(
          p.getId().toString().equals(memberId)
              ? RaftPeer.newBuilder(p).setStartupRole(RaftPeerRole.LISTENER).build()
              : p);
    }
    return RaftGroup.valueOf(group.getGroupId(), peers);
  }

  private static RaftGroup group(RatisLogConfig config) {
    List<RaftPeer> peers = new ArrayList<>();
    config
        .peers()
        .forEach(
            (id, address) ->
                peers.add(RaftPeer.newBuilder().setId(id).setAddress(address).build()));
    return RaftGroup.valueOf(RaftGroupId.valueOf(config.groupId()), peers);
  }

  private static byte[] content(RaftClientReply reply) {
    Message message = reply.getMessage();
    return message == null ? new byte[0] : message.getContent().toByteArray();
  }

  private ProposalException failure(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ProposalException p) {
      return p;
    }
    String who = config.memberId();
    if (closed.get() || causedBy(e, AlreadyClosedException.class)) {
      return new ProposalException(ProposalException.Reason.CLOSED, who + " is closed", e);
    }
    if (e instanceof TimeoutException
        || e instanceof TimeoutIOException
        || e instanceof RaftRetryFailureException) {
      return new ProposalException(
          ProposalException.Reason.TIMED_OUT,
          "not committed within "
              + config.requestTimeout()
              + " (no leader, or no majority reachable from "
              + who
              + "); it may still be committed later",
          e);
    }
    if (e instanceof StateMachineException) {
      return new ProposalException(
          ProposalException.Reason.APPLY_FAILED, "the leader failed to apply the entry", e);
    }
    return new ProposalException(ProposalException.Reason.FAILED, String.valueOf(e), e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Failed to close {}", closeable, e);
    }
  }
}
