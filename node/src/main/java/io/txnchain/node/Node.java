package io.txnchain.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.txnchain.apps.BuiltInApps;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.governance.Genesis;
import io.txnchain.governance.GovApp;
import io.txnchain.governance.GovernanceView;
import io.txnchain.governance.directory.NodeDirectoryApp;
import io.txnchain.ledger.machine.AppRegistry;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.ledger.receipt.ReceiptBuilder;
import io.txnchain.ledger.replication.ReplicatedLog;
import io.txnchain.ledger.state.StateRoot;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.LedgerStoreException;
import io.txnchain.ledger.witness.WitnessApp;
import io.txnchain.node.api.TradingApi;
import io.txnchain.node.attest.LedgerEvidenceCheck;
import io.txnchain.node.attest.NodeAttestation;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.node.dex.DexWiring;
import io.txnchain.node.http.HttpApi;
import io.txnchain.node.log.LedgerApplier;
import io.txnchain.node.log.LocalLog;
import io.txnchain.node.membership.Membership;
import io.txnchain.node.quota.AppQuotas;
import io.txnchain.node.recovery.RecoveryReissuer;
import io.txnchain.node.route.Compliance;
import io.txnchain.node.route.Peer;
import io.txnchain.node.route.WorkOrderRouter;
import io.txnchain.node.rpc.JsonRpcDispatcher;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.node.rpc.RpcException;
import io.txnchain.node.sequencer.NetworkSubmitter;
import io.txnchain.node.sequencer.Sequencer;
import io.txnchain.node.witness.HeaderWitness;
import io.txnchain.replication.RatisLogConfig;
import io.txnchain.replication.RatisReplicatedLog;
import io.txnchain.tee.Enclave;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.measure.BundleMeasurement;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.sim.SimEnclave;
import io.txnchain.tee.sim.SimPlatform;
import io.txnchain.wire.receipt.Receipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TxnChain node: the enclave with the ledger state machine, the RocksDB store, the sequencer
 * and the HTTP API, started and stopped together.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final String chainId;
  private final String nodeId;
  private final long startedMillis;
  private final AppRegistry apps;
  private final Enclave enclave;
  private final LedgerStore store;
  private final ExecutorService verifyPool;
  private final LedgerStateMachine machine;
  private final ReplicatedLog log;
  private final io.txnchain.node.log.AppliedHeight appliedHeight;
  private final Sequencer sequencer;
  private final Admission admission;
  private final PrometheusMeterRegistry metrics;
  private final HttpApi http;
  private final TradingApi trading;
  private final byte[] receiptNonce;
  private final EvidencePolicy joinPolicy;
  private final GovernanceView governance;
  private final HeaderWitness witness;
  private final NetworkSubmitter submitter;
  private final AppQuotas quotas;
  private final WorkOrderRouter router;
  private final NodeAttestation attestation;
  private final Membership membership;
  private final RecoveryReissuer recoveryShares;

  /**
   * A node this many committed entries behind is still catching up, so not ready: a client reading
   * from it would see an old state.
   */
  private static final long READY_LAG_ENTRIES = 50;

  /** How often this node asks its peers for their load. */
  private static final long ROUTER_POLL_MILLIS = 500;

  /**
   * How often this node sends its header signatures to the ledger (one witness transaction with
   * every block signed since). Each is a log entry and a block that every replica applies: at 250
   * ms the three nodes' signatures took about a fifth of a 3-node network's throughput on two vCPUs
   * (BENCHMARKS.md), at 1 s a receipt still has every signature within about two seconds.
   */
  private static final long WITNESS_INTERVAL_MILLIS = 1000;

  /** How often this node brings the replication group in step with the ledger. */
  private static final long MEMBERSHIP_INTERVAL_MILLIS = 1_000;

  /** How often the leader checks whether the members' recovery shares are stale. */
  private static final long RECOVERY_INTERVAL_MILLIS = 1_000;

  private Node(NodeConfig config) throws LedgerStoreException {
    this.config = config;
    this.chainId = config.get(NodeConfig.CHAIN_ID);
    this.nodeId = config.get(NodeConfig.NODE_ID);
    this.startedMillis = System.currentTimeMillis();
    Path dataDir = Path.of(config.get(NodeConfig.DATA_DIR));
    DexWiring dex = new DexWiring(config, chainId);
    DexConfig dexConfig = dex.dexConfig();
    Genesis genesis = config.genesis();
    this.apps = AppRegistry.of(hostedApps(config, dex));
    GovApp govApp = (GovApp) apps.get(GovApp.NAME).app();
    WitnessApp witnessApp = (WitnessApp) apps.get(WitnessApp.NAME).app();
    this.enclave = openEnclave(config, dataDir, apps);
    dex.attach(enclave);
    // What this node accepts from the member that hands it the network keys; once joined, the
    // network's own policy (governance) decides whom it admits.
    this.joinPolicy =
        new EvidencePolicy(config.get(NodeConfig.ALLOW_SIMULATED), java.util.Set.of());
    // This node's replication address; empty in a network of one.
    String raftAddress =
        NodeConfig.members(config.get(NodeConfig.MEMBERS)).getOrDefault(nodeId, "");
    String joinUrl = config.get(NodeConfig.JOIN_URL);
    if (!joinUrl.isEmpty()) {
      try {
        NetworkJoin.joinIfNeeded(
            enclave,
            dataDir.resolve("enclave"),
            joinUrl,
            joinPolicy,
            Duration.ofSeconds(60),
            nodeId,
            raftAddress);
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    // Only holders of the network secret may record header signatures, directory entries and
    // recovery shares; derived after joining.
    this.submitter =
        new NetworkSubmitter(
            chainId,
            Secp256k1KeyPair.fromPrivateKey(
                enclave.deriveNetworkSecret(
                    "node-submitter", chainId.getBytes(StandardCharsets.UTF_8), 32)));
    String submitterAddress = submitter.key().address().toChecksumHex();
    witnessApp.authorize(submitterAddress);
    ((NodeDirectoryApp) apps.get(NodeDirectoryApp.NAME).app()).authorize(submitterAddress);
    govApp.authorizeNodes(submitterAddress);
    this.store = LedgerStore.open(dataDir.resolve("ledger"), chainId);
    this.receiptNonce = WitnessApp.receiptNonce(chainId);
    Evidence evidence = enclave.evidence(receiptNonce);
    this.attestation = NodeAttestation.of(config, dataDir);
    // Hardware evidence travels with its collateral and is judged at the time it was gathered, so
    // a receipt verifies offline long after (ADR 25); simulated evidence needs neither.
    Instant attestedAt = Instant.now();
    List<byte[]> carried = attestation.collateralToCarry(evidence, attestedAt);
    ReceiptBuilder.storeEvidence(
        store,
        new Receipt.EvidenceEntry(
            Hex.toHexString(enclave.keys().identityKey()),
            Hex.toHexString(enclave.keys().encryptionKey()),
            Hex.toHexString(receiptNonce),
            evidence.format(),
            Hex.toHexString(evidence.data()),
            evidence.format().equals("sim") ? null : attestedAt.toEpochMilli(),
            carried.stream().map(Hex::toHexString).toList()));
    this.verifyPool =
        Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> {
              Thread t = new Thread(r, "signature-verify");
              t.setDaemon(true);
              return t;
            });
    int maxPayload = config.get(NodeConfig.MAX_PAYLOAD);
    this.machine =
        new LedgerStateMachine(enclave, chainId, apps, store, store.head(), maxPayload, verifyPool);
    this.governance = new GovernanceView(genesis, store);
    // Every replica must reach the same verdict on an evidence record: only what the record
    // carries, at the block's time, under the policy committed before the block.
    GovernanceView committedGovernance = governance;
    witnessApp.verifyEvidenceWith(chainId, new LedgerEvidenceCheck(committedGovernance::policy));
    this.quotas = AppQuotas.parse(config.get(NodeConfig.APP_QUOTAS));
    machine.observeExecutions(quotas::executed);
    this.router =
        new WorkOrderRouter(
            NodeConfig.peers(config.get(NodeConfig.PEERS)),
            Hex.toHexString(enclave.measurement()),
            () -> governance.policy().attestation(),
            attestation::verifiers,
            ROUTER_POLL_MILLIS);
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("txnchain.chain.height", store, s -> s.head().height()).register(metrics);
    LedgerApplier applier = new LedgerApplier(machine, store, metrics);
    this.appliedHeight = applier.appliedHeight();
    this.log = openLog(config, nodeId, dataDir, applier);
    this.sequencer =
        new Sequencer(
            log,
            Clock.systemUTC(),
            config.get(NodeConfig.BATCH_MAX),
            config.get(NodeConfig.QUEUE_MAX),
            metrics);
    this.witness =
        new HeaderWitness(
            enclave.keys().identityKey(),
            submitter,
            store,
            sequencer,
            !(log instanceof LocalLog),
            log::memberCount,
            WITNESS_INTERVAL_MILLIS);
    applier.onCommit(witness::onCommit);
    this.membership =
        new Membership(
            nodeId,
            raftAddress,
            this::url,
            enclave,
            submitter,
            store,
            governance,
            log,
            sequencer,
            NodeConfig.peers(config.get(NodeConfig.PEERS)),
            router::updatePeers,
            MEMBERSHIP_INTERVAL_MILLIS);
    witness.publishEvidence(
        new WitnessApp.EvidenceRecord(
            enclave.keys().identityKey(),
            enclave.keys().encryptionKey(),
            evidence.format(),
            evidence.data(),
            carried));
    this.admission =
        new Admission(chainId, maxPayload, enclave.keys().encryptionKey(), apps, store);
    ObjectMapper mapper = new ObjectMapper();
    JsonRpcDispatcher rpc = new JsonRpcDispatcher(mapper);
    NodeRpc nodeRpc = new NodeRpc(this, mapper);
    this.recoveryShares =
        new RecoveryReissuer(
            governance::recoveryStatus,
            () -> log.isLeader() && witness.divergence() == null,
            nodeRpc::issueRecoveryShares,
            RECOVERY_INTERVAL_MILLIS);
    nodeRpc.registerAll(rpc);
    rpc.guard(this::refuseWhenDiverged);
    this.http =
        new HttpApi(
            rpc,
            mapper,
            metrics,
            () ->
                sequencer.healthy()
                    && log.healthy()
                    && log.leaderId() != null
                    && witness.divergence() == null
                    && log.lag() <= READY_LAG_ENTRIES,
            maxPayload,
            config.get(NodeConfig.HOST),
            config.get(NodeConfig.PORT));
    this.trading =
        TradingApi.open(config.get(NodeConfig.STORE_URL), dataDir, store, dexConfig, rpc);
    trading.useFees(this::feesCharged);
    http.extend(trading::install);
  }

  private static ReplicatedLog openLog(
      NodeConfig config, String nodeId, Path dataDir, LedgerApplier applier) {
    Map<String, String> members = NodeConfig.members(config.get(NodeConfig.MEMBERS));
    if (members.isEmpty()) {
      return new LocalLog(nodeId, applier);
    }
    String joinUrl = config.get(NodeConfig.JOIN_URL);
    // A node outside the group it joined (not one of the configured members that only fetched
    // the keys) starts outside the Raft configuration until the leader adds it.
    boolean joining = false;
    if (!joinUrl.isEmpty() && !Files.exists(dataDir.resolve("raft"))) {
      // A new member starts knowing the group as it was when it joined (which may differ from its
      // configuration: nodes joined or left since); the group learns of it when the leader adds it
      // from its directory entry.
      Map<String, String> current;
      try {
        current =
            new java.util.TreeMap<>(NetworkJoin.groupAtJoin(dataDir.resolve("enclave"), joinUrl));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the group this node joined: " + e, e);
      }
      joining = !current.containsKey(nodeId);
      current.put(nodeId, members.get(nodeId));
      members = current;
    }
    try {
      RatisLogConfig log =
          RatisLogConfig.of(
              nodeId, config.get(NodeConfig.CHAIN_ID), members, dataDir.resolve("raft"));
      return joining
          ? RatisReplicatedLog.startJoining(log, applier)
          : RatisReplicatedLog.start(log, applier);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start replication: " + e.getMessage(), e);
    }
  }

  /** Opens the data directory and starts serving. */
  public static Node start(NodeConfig config) throws LedgerStoreException {
    Node node = new Node(config);
    try {
      node.http.start();
      node.trading.start();
      node.recoveryShares.start();
      node.membership.start();
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    LOG.info(
        "node {} serving chain {} at height {} on {} (tee {}, measurement {}, secp256k1 {})",
        node.nodeId,
        node.chainId,
        node.store.head().height(),
        node.url(),
        node.enclave.teeType(),
        Hex.toHexString(node.enclave.measurement()),
        io.txnchain.crypto.Secp256k1.backend());
    return node;
  }

  /**
   * The enclave apps a node hosts, in registration order. The enclave's measurement covers their
   * code, so everything that opens this node's enclave must host exactly these.
   */
  private static List<EnclaveApp> hostedApps(NodeConfig config, DexWiring dex) {
    List<EnclaveApp> hosted = new ArrayList<>(BuiltInApps.all(config.get(NodeConfig.ANALYTICS_K)));
    hosted.add(dex.app());
    hosted.add(new GovApp(config.genesis()));
    hosted.add(new WitnessApp(null));
    hosted.add(new NodeDirectoryApp());
    return hosted;
  }

  /**
   * Restores the network keys into this configuration's (new) data directory from governance
   * recovery shares, as {@code txnchain recover} does: a fresh enclave is opened with this node's
   * code and receives each share sealed to its own transport key.
   *
   * @param shares the members' opened shares (index ‖ 64 bytes), each only in this process's memory
   * @param networkKey the network's public encryption key the shares must combine to
   */
  public static void recoverKeys(NodeConfig config, List<byte[]> shares, byte[] networkKey)
      throws io.txnchain.crypto.CryptoException {
    Path dataDir = Path.of(config.get(NodeConfig.DATA_DIR));
    AppRegistry apps =
        AppRegistry.of(hostedApps(config, new DexWiring(config, config.get(NodeConfig.CHAIN_ID))));
    Enclave enclave = openEnclave(config, dataDir, apps);
    List<byte[]> sealed = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (byte[] share : shares) {
      sealed.add(
          io.txnchain.crypto.seal.SealedBox.seal(
              enclave.joinKeys().encryptionKey(),
              Enclave.RECOVERY_TRANSFER_INFO,
              enclave.joinKeys().identityKey(),
              share,
              random));
    }
    enclave.recoverNetworkKeys(sealed, networkKey);
  }

  /** Splits the network keys among the members' recovery keys; the governance app input. */
  byte[] recoverySharesInput() throws RpcException {
    io.txnchain.governance.RecoveryStatus status = governance.recoveryStatus();
    java.util.SortedMap<String, String> keys = status.holders();
    if (keys.isEmpty()) {
      throw new RpcException(
          RpcError.RECOVERY_UNAVAILABLE,
          "no member has registered a recovery key yet (txnchain gov recovery-key)");
    }
    int threshold = keys.size() / 2 + 1;
    List<byte[]> recipients = keys.values().stream().map(Hex::decode).toList();
    List<byte[]> sealed = enclave.splitNetworkKeys(recipients, threshold);
    ObjectNode in = new ObjectMapper().createObjectNode();
    in.put("op", "recovery_shares");
    in.put("replaces", status.height());
    in.put("threshold", threshold);
    in.put("networkKey", Hex.toHexString(enclave.keys().encryptionKey()));
    ArrayNode shares = in.putArray("shares");
    int i = 0;
    for (var e : keys.entrySet()) {
      shares
          .addObject()
          .put("member", e.getKey())
          .put("recoveryKey", e.getValue())
          .put("index", i + 1)
          .put("sealed", Hex.toHexString(sealed.get(i)));
      i++;
    }
    return in.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Why this node's own evidence fails the network's current attestation policy, or null. A
   * non-compliant node takes no work orders; its peers see the same and route around it.
   */
  String ownComplianceFailure() {
    OwnCompliance last = ownCompliance;
    long now = System.nanoTime();
    long height = store.head().height();
    boolean recent = last != null && now - last.atNanos() < RECHECK_NANOS;
    // Work orders take this path: the policy only changes with a block, so it is read from the
    // ledger once per block, not once per order.
    if (recent && last.height() == height) {
      return last.failure();
    }
    AttestationPolicy policy = governance.policy().attestation();
    if (recent && last.policy().equals(policy)) {
      ownCompliance = new OwnCompliance(policy, height, last.failure(), last.atNanos());
      return last.failure();
    }
    String failure = checkOwnCompliance(policy);
    ownCompliance = new OwnCompliance(policy, height, failure, now);
    return failure;
  }

  /** The last check of this node's own evidence, reused while the policy is unchanged. */
  private record OwnCompliance(
      AttestationPolicy policy, long height, String failure, long atNanos) {}

  private static final long RECHECK_NANOS = 10_000_000_000L;
  private volatile OwnCompliance ownCompliance;

  private String checkOwnCompliance(AttestationPolicy policy) {
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    return Compliance.failure(
        enclave.keys(), enclave.evidence(nonce), nonce, policy, attestation.verifiers(policy));
  }

  /** The fees {@code market} charges now: its listing, unless governance set others. */
  private FeeSchedule feesCharged(MarketSpec market) {
    ObjectNode set = governance.feeSchedules().get(market.symbol());
    if (set == null) {
      return market.fees();
    }
    return new FeeSchedule(
        set.path("makerBps").asLong(),
        set.path("takerBps").asLong(),
        set.path("makerPerLot").asLong(),
        set.path("takerPerLot").asLong());
  }

  /** The verifiers this node applies to other enclaves' evidence. */
  NodeAttestation attestation() {
    return attestation;
  }

  /** Where work orders go when this node has no room for them. */
  WorkOrderRouter router() {
    return router;
  }

  /** Work-order quotas per app, and their use on this node. */
  AppQuotas quotas() {
    return quotas;
  }

  /** What this node signs its own submissions (header signatures, recovery shares) with. */
  NetworkSubmitter submitter() {
    return submitter;
  }

  private static Enclave openEnclave(NodeConfig config, Path dataDir, AppRegistry apps) {
    String tee = config.get(NodeConfig.TEE);
    if (!tee.equals("sim")) {
      throw new IllegalArgumentException(
          "tee.type '" + tee + "' is not available in this build; use sim");
    }
    if (!config.get(NodeConfig.ALLOW_SIMULATED)) {
      throw new IllegalArgumentException(
          "tee.type=sim gives no hardware protection; set tee.allow-simulated=true to run it"
              + " (development networks only)");
    }
    List<Class<?>> trusted = new ArrayList<>();
    trusted.add(LedgerStateMachine.class);
    trusted.add(StateRoot.class);
    trusted.addAll(apps.anchors());
    byte[] measurement = BundleMeasurement.measure(trusted);
    SecureRandom random = new SecureRandom();
    SimPlatform platform = SimPlatform.loadOrCreate(dataDir.resolve("platform"), random);
    return SimEnclave.openOrCreate(dataDir.resolve("enclave"), platform, measurement, random);
  }

  /** The network status as this node sees it: its own state, and the replication group's roles. */
  ObjectNode status() {
    ObjectMapper m = new ObjectMapper();
    ObjectNode n = m.createObjectNode();
    n.put("chainId", chainId);
    ArrayNode nodes = n.putArray("nodes");
    ObjectNode self = nodes.addObject();
    self.put("id", nodeId);
    self.put("url", url());
    self.put("role", log.isLeader() ? "leader" : "follower");
    self.put("height", store.head().height());
    self.put("lag", log.lag());
    self.put("stateRoot", Hex.toHexString(store.head().stateRoot()));
    self.put("tee", enclave.teeType());
    self.put("attestation", enclave.simulated() ? "simulated" : "verified");
    self.put("measurement", Hex.toHexString(enclave.measurement()));
    self.put("healthy", sequencer.healthy() && log.healthy());
    self.put("uptimeMillis", System.currentTimeMillis() - startedMillis);
    self.put("signedHeight", witness.signedHeight());
    String own = ownComplianceFailure();
    self.put("compliance", own == null ? "compliant" : "non-compliant: " + own);
    String diverged = witness.divergence();
    if (diverged == null) {
      self.putNull("diverged");
    } else {
      self.put("diverged", diverged);
    }
    ObjectNode hostedApps = self.putObject("apps");
    for (var app : apps.all()) {
      quotas.describe(app.name(), hostedApps.putObject(app.name()));
    }
    ArrayNode peers = n.putArray("peers");
    for (Peer p : router.peers()) {
      ObjectNode o = peers.addObject().put("id", p.id()).put("url", p.url());
      o.put("serving", p.serving());
      if (p.compliance() == null) {
        o.put("compliance", "compliant");
      } else {
        o.put("compliance", "non-compliant: " + p.compliance());
      }
      ObjectNode load = o.putObject("inFlight");
      p.inFlight().forEach(load::put);
    }
    ArrayNode disagreeing = self.putArray("disagreeingNodes");
    witness
        .disagreeingNodes()
        .forEach((key, h) -> disagreeing.addObject().put("identityKey", key).put("height", h));
    // A joiner starts as a listener, outside the voting configuration until the leader adds it.
    self.put("member", log.isMember(nodeId));
    ArrayNode pending = self.putArray("pendingMembers");
    membership.joining().forEach(pending::add);
    n.put("leader", log.leaderId());
    ArrayNode group = n.putArray("replication");
    for (ReplicatedLog.MemberStatus member : log.members()) {
      group
          .addObject()
          .put("id", member.id())
          .put("address", member.address())
          .put("role", member.role())
          .put("index", member.lastAppliedIndex());
    }
    return n;
  }

  /**
   * The members of the replication group's current configuration: member id to address (none for a
   * network of one).
   */
  Map<String, String> replicationGroup() {
    Map<String, String> group = new java.util.TreeMap<>();
    for (ReplicatedLog.MemberStatus m : log.members()) {
      if (log.isMember(m.id()) && !m.address().isEmpty()) {
        group.put(m.id(), m.address());
      }
    }
    return group;
  }

  /**
   * Refuses a {@code node_join} whose replication member id is taken by another member, before any
   * key is handed out. A joiner that names no member id (it is in the configured group already)
   * passes.
   */
  void checkJoiningMember(JsonNode p) throws RpcException {
    String id = p.path("memberId").asText("");
    String address = p.path("raftAddress").asText("");
    if (id.isEmpty() && address.isEmpty()) {
      return;
    }
    if (!NodeDirectoryApp.isValidMemberId(id) || !NodeDirectoryApp.isValidAddress(address)) {
      throw new RpcException(
          RpcError.INVALID_PARAMS,
          "params.memberId must be 1 to 64 letters, digits, '.', '_' or '-' and params.raftAddress"
              + " host:port");
    }
    if (log instanceof LocalLog) {
      throw new RpcException(
          RpcError.JOIN_REFUSED,
          "join refused: this node runs a network of one without replication");
    }
    for (ReplicatedLog.MemberStatus m : log.members()) {
      if (m.id().equals(id) && !m.address().equals(address) && log.isMember(id)) {
        throw new RpcException(
            RpcError.JOIN_REFUSED,
            "join refused: member id " + id + " is taken by the member at " + m.address());
      }
    }
  }

  public String url() {
    return "http://" + config.get(NodeConfig.HOST) + ":" + http.port();
  }

  String chainId() {
    return chainId;
  }

  String nodeId() {
    return nodeId;
  }

  LedgerStore store() {
    return store;
  }

  LedgerStateMachine machine() {
    return machine;
  }

  ReplicatedLog log() {
    return log;
  }

  Sequencer sequencer() {
    return sequencer;
  }

  io.txnchain.node.log.AppliedHeight appliedHeight() {
    return appliedHeight;
  }

  Admission admission() {
    return admission;
  }

  Enclave enclave() {
    return enclave;
  }

  AppRegistry apps() {
    return apps;
  }

  /** Keeps the members' recovery shares current; also serves {@code gov_issueRecoveryShares}. */
  RecoveryReissuer recoveryShares() {
    return recoveryShares;
  }

  /** The network's governance as committed on this node's ledger. */
  GovernanceView governance() {
    return governance;
  }

  /** After diverging, only what helps an operator understand why is still answered. */
  private RpcException refuseWhenDiverged(String method) {
    String diverged = witness.divergence();
    if (diverged == null || method.equals("network_status") || method.equals("node_getEvidence")) {
      return null;
    }
    return new RpcException(RpcError.NOT_READY, diverged);
  }

  HeaderWitness witness() {
    return witness;
  }

  EvidencePolicy joinPolicy() {
    return joinPolicy;
  }

  byte[] receiptNonce() {
    return receiptNonce.clone();
  }

  @Override
  public void close() {
    recoveryShares.close();
    http.stop();
    membership.close();
    witness.close();
    router.close();
    trading.close();
    try {
      sequencer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.close();
    verifyPool.shutdownNow();
    store.close();
  }
}
