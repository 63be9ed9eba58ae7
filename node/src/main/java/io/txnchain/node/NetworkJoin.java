package io.txnchain.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.CryptoException;
import io.txnchain.governance.GovernanceView;
import io.txnchain.node.attest.NodeAttestation;
import io.txnchain.node.rpc.RpcError;
import io.txnchain.node.rpc.RpcException;
import io.txnchain.tee.Enclave;
import io.txnchain.tee.EnclaveKeys;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both sides of joining a network: a member answers {@code node_join} by handing the network keys
 * to an attested enclave running the same code; a new node asks a member for them at its first
 * start. The hosts only carry sealed keys, evidence and signatures; every check is made inside the
 * enclaves.
 */
final class NetworkJoin {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkJoin.class);
  static final String JOINED_MARKER = "joined";

  /**
   * The replication group as the answering member saw it when this node joined ({@code id=address}
   * lines), kept beside the marker: a node starts its replication with it, so it needs no member to
   * be up after the join.
   */
  static final String JOINED_GROUP = "joined-group";

  private NetworkJoin() {}

  /**
   * The member side of {@code node_join}: the joiner must be admitted by governance (voted in, or
   * auto-admitted) and its evidence must pass the network's policy as committed on the ledger.
   */
  static ObjectNode answer(
      Enclave enclave,
      GovernanceView governance,
      NodeAttestation attestation,
      Map<String, String> group,
      ObjectMapper mapper,
      JsonNode p)
      throws RpcException {
    byte[] nonce = hex(p, "nonce");
    if (nonce.length < 16 || nonce.length > 64) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.nonce must be 16 to 64 bytes");
    }
    EnclaveKeys joiner;
    try {
      joiner = new EnclaveKeys(hex(p, "identityKey"), hex(p, "transportKey"));
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcError.INVALID_PARAMS, e.getMessage());
    }
    String refusal = governance.refusalOf(Hex.toHexString(joiner.identityKey()));
    if (refusal != null) {
      throw new RpcException(RpcError.JOIN_REFUSED, "join refused: " + refusal);
    }
    EvidencePolicy policy = governance.policy().evidencePolicy();
    Evidence evidence = new Evidence(text(p, "format"), hex(p, "data"));
    byte[] sealed;
    try {
      sealed =
          enclave.shareNetworkKeys(
              joiner,
              evidence,
              nonce,
              attestation.verifiers(governance.policy().attestation()),
              policy,
              Instant.now());
    } catch (EvidenceException e) {
      throw new RpcException(RpcError.JOIN_REFUSED, "join refused: " + e.getMessage());
    }
    Evidence own = enclave.evidence(nonce);
    ObjectNode n = mapper.createObjectNode();
    n.put("sealedKeys", Hex.toHexString(sealed));
    n.put("identityKey", Hex.toHexString(enclave.keys().identityKey()));
    n.put("encryptionKey", Hex.toHexString(enclave.keys().encryptionKey()));
    n.put("format", own.format());
    n.put("data", Hex.toHexString(own.data()));
    n.put("signature", Hex.toHexString(enclave.signSharedKeys(sealed, nonce)));
    // Not covered by the signature: the group only tells the joiner whom to reach, and every
    // member it reaches checks its own membership rules.
    ObjectNode replication = n.putObject("replication");
    new java.util.TreeMap<>(group).forEach(replication::put);
    return n;
  }

  /**
   * The new node's side: unless {@code enclaveDir} says this enclave joined already, asks the
   * member at {@code memberUrl} for the network keys and adopts them, retrying while the member is
   * not up yet.
   */
  static void joinIfNeeded(
      Enclave enclave,
      Path enclaveDir,
      String memberUrl,
      EvidencePolicy policy,
      Duration timeout,
      String memberId,
      String raftAddress)
      throws IOException {
    Path marker = enclaveDir.resolve(JOINED_MARKER);
    if (Files.exists(marker)) {
      return;
    }
    ObjectMapper mapper = new ObjectMapper();
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    Evidence evidence = enclave.joinEvidence(nonce);
    EnclaveKeys keys = enclave.joinKeys();
    Map<String, String> params = new java.util.TreeMap<>();
    params.put("nonce", Hex.toHexString(nonce));
    params.put("identityKey", Hex.toHexString(keys.identityKey()));
    params.put("transportKey", Hex.toHexString(keys.encryptionKey()));
    params.put("format", evidence.format());
    params.put("data", Hex.toHexString(evidence.data()));
    if (!raftAddress.isEmpty()) {
      // The member that admits this node adds it to the replication group under this id.
      params.put("memberId", memberId);
      params.put("raftAddress", raftAddress);
    }
    String body =
        mapper.writeValueAsString(
            Map.of("jsonrpc", "2.0", "id", 1, "method", "node_join", "params", params));
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode answer = null;
    while (answer == null) {
      try {
        answer = mapper.readTree(post(memberUrl, body));
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("cannot reach " + memberUrl + " to join the network", e);
        }
        sleep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while joining", e);
      }
    }
    if (answer.has("error")) {
      throw new IllegalStateException(
          "the network refused this node: " + answer.at("/error/message").asText());
    }
    JsonNode r = answer.get("result");
    try {
      enclave.adoptNetworkKeys(
          Hex.decodeStrict(r.get("sealedKeys").asText()),
          nonce,
          new EnclaveKeys(
              Hex.decodeStrict(r.get("identityKey").asText()),
              Hex.decodeStrict(r.get("encryptionKey").asText())),
          new Evidence(r.get("format").asText(), Hex.decodeStrict(r.get("data").asText())),
          Hex.decodeStrict(r.get("signature").asText()),
          EvidenceVerifiers.builtIn(),
          policy,
          Instant.now());
    } catch (CryptoException | EvidenceException | RuntimeException e) {
      throw new IllegalStateException(
          "the network keys from " + memberUrl + " were refused: " + e.getMessage(), e);
    }
    StringBuilder group = new StringBuilder();
    r.path("replication")
        .fields()
        .forEachRemaining(
            m -> group.append(m.getKey()).append('=').append(m.getValue().asText()).append('\n'));
    Files.writeString(enclaveDir.resolve(JOINED_GROUP), group.toString());
    Files.writeString(marker, memberUrl + "\n");
    LOG.info("joined the network through {}", memberUrl);
  }

  /**
   * The replication group a new node starts its replication with, so that it knows the members that
   * joined or left since its configuration was written: the one the member that admitted it named
   * in its answer, or (for a node that joined before answers carried it) the one the member at
   * {@code memberUrl} knows now.
   */
  static Map<String, String> groupAtJoin(Path enclaveDir, String memberUrl) throws IOException {
    Path saved = enclaveDir.resolve(JOINED_GROUP);
    if (Files.exists(saved)) {
      Map<String, String> group = new java.util.TreeMap<>();
      for (String line : Files.readAllLines(saved)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          group.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      if (!group.isEmpty()) {
        return group;
      }
    }
    return currentMembers(memberUrl);
  }

  /**
   * The replication group as the member at {@code memberUrl} knows it now: member id to address.
   */
  private static Map<String, String> currentMembers(String memberUrl) {
    try {
      String status =
          post(memberUrl, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"network_status\"}");
      Map<String, String> members = new java.util.TreeMap<>();
      for (JsonNode m : new ObjectMapper().readTree(status).at("/result/replication")) {
        if (!m.path("role").asText().equals("NOT_A_MEMBER")) {
          members.put(m.path("id").asText(), m.path("address").asText());
        }
      }
      if (members.isEmpty()) {
        throw new IllegalStateException(memberUrl + " reports no replication group");
      }
      return members;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the replication group from " + memberUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the replication group", e);
    }
  }

  /** One JSON-RPC request to a member; its answer's body. */
  private static String post(String memberUrl, String body)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return http.send(
            HttpRequest.newBuilder(URI.create(memberUrl + "/rpc"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while joining", e);
    }
  }

  private static String text(JsonNode p, String name) throws RpcException {
    JsonNode v = p.get(name);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params." + name + " must be a string");
    }
    return v.asText();
  }

  private static byte[] hex(JsonNode p, String name) throws RpcException {
    try {
      return Hex.decodeStrict(text(p, name));
    } catch (DecoderException e) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params." + name + " is not valid hex");
    }
  }
}
