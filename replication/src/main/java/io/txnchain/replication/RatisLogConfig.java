package io.txnchain.replication;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Configuration of one member of a Ratis-replicated log.
 *
 * <p>Build it with {@link #of} and adjust with the {@code with...} methods; every other component
 * has a default tuned for small machines (2 cores, paused vCPUs):
 *
 * <ul>
 *   <li>{@code electionTimeoutMin}/{@code Max} 1 s / 2 s: Ratis' 150–300 ms defaults make leaders
 *       flap when the host pauses the VM for tens of milliseconds;
 *   <li>{@code requestTimeout} 10 s: longer than a leader failover (about 2.5 s with these election
 *       timeouts), so proposals survive the loss of a leader;
 *   <li>{@code snapshotThreshold} 10,000 entries and {@code snapshotRetention} 2 snapshots: Ratis
 *       takes none and keeps all by default;
 *   <li>{@code logSegmentBytes} 8 MiB: the log is purged a closed segment at a time, so this is the
 *       granularity at which disk space comes back after a snapshot;
 *   <li>{@code maxInFlightProposals} 1,000: beyond this many unanswered proposals {@code propose}
 *       blocks its caller (back-pressure).
 * </ul>
 *
 * @param memberId this member's id, a key of {@code peers}
 * @param groupId the Raft group; derive it from the network name with {@link #groupIdFor}
 * @param host the address this member's server binds to
 * @param port the port this member's server binds to
 * @param peers every member (this one included): id to the {@code host:port} others reach it at
 * @param storageDir where this member keeps its Raft log, metadata and snapshots
 * @param electionTimeoutMin the shortest time a follower waits for the leader before an election
 * @param electionTimeoutMax the longest such wait (each follower picks at random in between)
 * @param requestTimeout how long a proposal may take, retries included, before it fails
 * @param snapshotThreshold applied entries between two automatic snapshots
 * @param snapshotRetention how many snapshots to keep on disk
 * @param logSegmentBytes the size at which a Raft log segment is closed
 * @param maxInFlightProposals unanswered proposals allowed before {@code propose} blocks
 */
public record RatisLogConfig(
    String memberId,
    UUID groupId,
    String host,
    int port,
    Map<String, String> peers,
    Path storageDir,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration requestTimeout,
    long snapshotThreshold,
    int snapshotRetention,
    long logSegmentBytes,
    int maxInFlightProposals) {

  public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofSeconds(1);
  public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_SNAPSHOT_THRESHOLD = 10_000;
  public static final int DEFAULT_SNAPSHOT_RETENTION = 2;
  public static final long DEFAULT_LOG_SEGMENT_BYTES = 8L * 1024 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT_PROPOSALS = 1_000;

  /** Validates every component and freezes the peer map (its iteration order is kept). */
  public RatisLogConfig {
    requireText(memberId, "memberId");
    Objects.requireNonNull(groupId, "groupId");
    requireText(host, "host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Objects.requireNonNull(peers, "peers");
    if (!peers.containsKey(memberId)) {
      throw new IllegalArgumentException("peers do not include this member " + memberId);
    }
    peers.forEach(RatisLogConfig::requireAddress);
    peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    Objects.requireNonNull(storageDir, "storageDir");
    requirePositive(electionTimeoutMin, "electionTimeoutMin");
    requirePositive(electionTimeoutMax, "electionTimeoutMax");
    if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw new IllegalArgumentException("electionTimeoutMax must exceed electionTimeoutMin");
    }
    requirePositive(requestTimeout, "requestTimeout");
    if (snapshotThreshold < 1) {
      throw new IllegalArgumentException("snapshotThreshold must be positive");
    }
    if (snapshotRetention < 1) {
      throw new IllegalArgumentException("snapshotRetention must be positive");
    }
    if (logSegmentBytes < 1024) {
      throw new IllegalArgumentException("logSegmentBytes must be at least 1 KiB");
    }
    if (maxInFlightProposals < 1) {
      throw new IllegalArgumentException("maxInFlightProposals must be positive");
    }
  }

  /**
   * A configuration with every default, binding this member to the address its peer entry gives.
   *
   * @param networkName the network's name; all members of a network must use the same one
   */
  public static RatisLogConfig of(
      String memberId, String networkName, Map<String, String> peers, Path storageDir) {
    String address = Objects.requireNonNull(peers, "peers").get(memberId);
    if (address == null) {
      throw new IllegalArgumentException("peers do not include this member " + memberId);
    }
    requireAddress(memberId, address);
    int colon = address.lastIndexOf(':');
    return new RatisLogConfig(
        memberId,
        groupIdFor(networkName),
        address.substring(0, colon),
        Integer.parseInt(address.substring(colon + 1)),
        peers,
        storageDir,
        DEFAULT_ELECTION_TIMEOUT_MIN,
        DEFAULT_ELECTION_TIMEOUT_MAX,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_SNAPSHOT_THRESHOLD,
        DEFAULT_SNAPSHOT_RETENTION,
        DEFAULT_LOG_SEGMENT_BYTES,
        DEFAULT_MAX_IN_FLIGHT_PROPOSALS);
  }

  /**
   * The group id of a network: a name-based UUID, so every member derives the same id from the same
   * name without exchanging anything.
   */
  public static UUID groupIdFor(String networkName) {
    requireText(networkName, "networkName");
    return UUID.nameUUIDFromBytes(
        ("txnchain-network:" + networkName).getBytes(StandardCharsets.UTF_8));
  }

  /** This member's advertised {@code host:port}, as the peers map gives it. */
  public String address() {
    return peers.get(memberId);
  }

  /** The same configuration with other election timeouts. */
  public RatisLogConfig withElectionTimeouts(Duration min, Duration max) {
    return new RatisLogConfig(
        memberId,
        groupId,
        host,
        port,
        peers,
        storageDir,
        min,
        max,
        requestTimeout,
        snapshotThreshold,
        snapshotRetention,
        logSegmentBytes,
        maxInFlightProposals);
  }

  /** The same configuration with another proposal timeout. */
  public RatisLogConfig withRequestTimeout(Duration timeout) {
    return new RatisLogConfig(
        memberId,
        groupId,
        host,
        port,
        peers,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        timeout,
        snapshotThreshold,
        snapshotRetention,
        logSegmentBytes,
        maxInFlightProposals);
  }

  /** The same configuration with another snapshot threshold (entries) and retention (count). */
  public RatisLogConfig withSnapshots(long threshold, int retention) {
    return new RatisLogConfig(
        memberId,
        groupId,
        host,
        port,
        peers,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        requestTimeout,
        threshold,
        retention,
        logSegmentBytes,
        maxInFlightProposals);
  }

  /** The same configuration with another log segment size. */
  public RatisLogConfig withLogSegmentBytes(long bytes) {
    return new RatisLogConfig(
        memberId,
        groupId,
        host,
        port,
        peers,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        requestTimeout,
        snapshotThreshold,
        snapshotRetention,
        bytes,
        maxInFlightProposals);
  }

  /** The same configuration with another limit on unanswered proposals. */
  public RatisLogConfig withMaxInFlightProposals(int max) {
    return new RatisLogConfig(
        memberId,
        groupId,
        host,
        port,
        peers,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        requestTimeout,
        snapshotThreshold,
        snapshotRetention,
        logSegmentBytes,
        max);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void requireAddress(String id, String address) {
    requireText(id, "peer id");
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("peer " + id + " address is not host:port: " + address);
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("peer " + id + " port out of range: " + address);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("peer " + id + " port is not a number: " + address, e);
    }
  }
}
