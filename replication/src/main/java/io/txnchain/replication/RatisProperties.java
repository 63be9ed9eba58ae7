package io.txnchain.replication;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Translates a {@link RatisLogConfig} into Ratis properties, with the settings it always needs. */
final class RatisProperties {
  /**
   * How a leader retries a follower that failed: (sleep, attempts) pairs. Ratis' default ends in 5
   * s sleeps, which kept a restarted member out of the group for minutes; the last pair never runs
   * out in practice, so a follower is retried every half second for as long as it is down.
   */
  static final String APPENDER_RETRY_POLICY = "10ms,10, 100ms,50, 500ms,2000000000";

  /** The pause between a client's attempts: short next to an election, never a busy loop. */
  static final Duration CLIENT_RETRY_SLEEP = Duration.ofMillis(100);

  private static final long PREALLOCATED_SEGMENT_BYTES = 4L * 1024 * 1024;

  private RatisProperties() {}

  static RaftProperties server(RatisLogConfig config) {
    RaftProperties p = new RaftProperties();
    // gRPC: Netty was 3-4 times slower for asynchronous writes on this kind of machine.
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
    // Explicit, or the server binds every interface on a random port.
    GrpcConfigKeys.Server.setHost(p, config.host());
    GrpcConfigKeys.Server.setPort(p, config.port());

    RaftServerConfigKeys.setStorageDir(p, List.of(config.storageDir().toFile()));
    RaftServerConfigKeys.setRemovedGroupsDir(
        p, config.storageDir().resolve("removed-groups").toFile());

    RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(config.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(config.electionTimeoutMax()));
    RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, APPENDER_RETRY_POLICY);

    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, config.snapshotRetention());
    // The applier is durable, so a snapshot at shutdown buys nothing and delays every stop.
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);

    // Purge up to each snapshot even if a follower is behind: a member that is down must not
    // make the others keep their whole log; it catches up by installing the snapshot instead.
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(
        p, (int) Math.min(config.snapshotThreshold(), Integer.MAX_VALUE));
    // A crash can leave the last entry half-written. Ratis then stops at the last entry whose
    // checksum holds instead of refusing to start; the leader sends the rest again, and entries the
    // ledger had applied already are skipped (ApplierStateMachine), so nothing is applied twice.
    RaftServerConfigKeys.Log.setCorruptionPolicy(
        p, RaftServerConfigKeys.Log.CorruptionPolicy.WARN_AND_RETURN);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.logSegmentBytes()));
    RaftServerConfigKeys.Log.setPreallocatedSize(
        p, SizeInBytes.valueOf(Math.min(PREALLOCATED_SEGMENT_BYTES, config.logSegmentBytes())));
    // A follower must append an entry before it acknowledges it. With "compose" on (Ratis' default)
    // it checks a request against the appends still queued and skips a request whose first index
    // is queued already, whatever that queued request holds. After a partition heals, requests the
    // leader wrote into connections it has since given up on arrive at once on several streams: a
    // stale one-entry request queued at index i made the follower skip the live request for
    // i..i+k yet answer SUCCESS up to i+k, which pins the leader's match index above what the
    // follower holds (no catch-up until the next election, and a false acknowledgement towards a
    // commit quorum); a failed queued append also fails every later one. Off, each request is
    // checked against and appended to the log itself. See docs/adr/0023.
    RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
    return p;
  }

  static RaftProperties client(RatisLogConfig config) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
    // One attempt may use the whole budget: a leader without a majority holds the request.
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(config.requestTimeout()));
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, config.maxInFlightProposals());
    return p;
  }

  /**
   * Retry with a sleep until the request timeout has passed since the proposal was made. Ratis'
   * default never sleeps: one pending write burned more than a core while the group was down.
   */
  static RetryPolicy clientRetryPolicy(RatisLogConfig config) {
    RequestTypeDependentRetryPolicy.Builder b = RequestTypeDependentRetryPolicy.newBuilder();
    RetryPolicy withSleep = RetryPolicies.retryForeverWithSleep(duration(CLIENT_RETRY_SLEEP));
    for (TypeCase type : TypeCase.values()) {
      if (type != TypeCase.TYPE_NOT_SET) {
        b.setRetryPolicy(type, withSleep);
        b.setTimeout(type, duration(config.requestTimeout()));
      }
    }
    return b.build();
  }

  private static TimeDuration duration(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
