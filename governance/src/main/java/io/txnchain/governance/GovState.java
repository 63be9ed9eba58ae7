package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The governance state and where it lives in the app's public state. Values the genesis sets are
 * stored only once governance changes them, so a node started with a different genesis than the
 * network would be noticed by its state root, not silently diverge later.
 */
final class GovState {
  static final String MEMBERS = "members";
  static final String POLICY = "policy";
  static final String NODES = "nodes";
  static final String REMOVED_NODES = "removed-nodes";
  static final String NEXT_PROPOSAL = "next-proposal";
  static final String OPEN = "open-proposals";
  static final String RECOVERY_KEYS = "recovery-keys";
  static final String RECOVERY = "recovery";
  static final String PROPOSAL_PREFIX = "proposal/";

  /** Reads keys of the governance app's public state. */
  interface Source {
    /** The value under the key, or {@code null}. */
    byte[] get(String key);

    /** Values of up to {@code limit} keys starting with {@code prefix}, in key order. */
    List<byte[]> values(String prefix, int limit);
  }

  /** Writes keys of the governance app's public state. */
  interface Sink {
    void put(String key, byte[] value);
  }

  private GovState() {}

  static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /** Keys sort as unsigned bytes: zero-padding keeps proposals in id order. */
  static String proposalKey(long id) {
    String digits = Long.toString(id);
    return PROPOSAL_PREFIX + "0".repeat(Math.max(0, 19 - digits.length())) + digits;
  }

  static SortedSet<String> members(Source s, Genesis genesis) {
    byte[] v = s.get(MEMBERS);
    if (v == null) {
      return genesis.members();
    }
    TreeSet<String> m = new TreeSet<>();
    AppJson.readStored(v).forEach(x -> m.add(x.asText()));
    return m;
  }

  static void putMembers(Sink s, SortedSet<String> members) {
    ArrayNode a = AppJson.object().arrayNode();
    members.forEach(a::add);
    s.put(MEMBERS, AppJson.write(a));
  }

  static Policy policy(Source s, Genesis genesis) {
    byte[] v = s.get(POLICY);
    return v == null ? genesis.policy() : Policy.fromJson(AppJson.readStored(v));
  }

  static void putPolicy(Sink s, Policy p) {
    s.put(POLICY, AppJson.write(p.toStoredJson()));
  }

  /** Admitted nodes: identity key (hex) to node name. */
  static SortedMap<String, String> nodes(Source s) {
    return stringMap(s, NODES);
  }

  static void putNodes(Sink s, SortedMap<String, String> nodes) {
    putStringMap(s, NODES, nodes);
  }

  /** Nodes governance removed: identity key (hex) to node name ("" if it was never voted in). */
  static SortedMap<String, String> removedNodes(Source s) {
    return stringMap(s, REMOVED_NODES);
  }

  static void putRemovedNodes(Sink s, SortedMap<String, String> nodes) {
    putStringMap(s, REMOVED_NODES, nodes);
  }

  /** A JSON object of strings stored under {@code key}, empty when absent. */
  private static SortedMap<String, String> stringMap(Source s, String key) {
    byte[] v = s.get(key);
    TreeMap<String, String> m = new TreeMap<>();
    if (v != null) {
      AppJson.readStored(v)
          .fields()
          .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    }
    return m;
  }

  private static void putStringMap(Sink s, String key, SortedMap<String, String> map) {
    ObjectNode n = AppJson.object();
    map.forEach(n::put);
    s.put(key, AppJson.write(n));
  }

  /** Members' recovery keys: address to X25519 public key (hex). */
  static SortedMap<String, String> recoveryKeys(Source s) {
    return stringMap(s, RECOVERY_KEYS);
  }

  static void putRecoveryKeys(Sink s, SortedMap<String, String> keys) {
    putStringMap(s, RECOVERY_KEYS, keys);
  }

  /** The latest recovery share set, or {@code null}. */
  static JsonNode recovery(Source s) {
    byte[] v = s.get(RECOVERY);
    return v == null ? null : AppJson.readStored(v);
  }

  static Proposal proposal(Source s, long id) {
    byte[] v = s.get(proposalKey(id));
    return v == null ? null : Proposal.fromJson(AppJson.readStored(v));
  }

  static void putProposal(Sink s, Proposal p) {
    s.put(proposalKey(p.id()), AppJson.write(p.toJson()));
  }

  static long nextProposalId(Source s) {
    byte[] v = s.get(NEXT_PROPOSAL);
    return v == null ? 1 : Long.parseLong(new String(v, StandardCharsets.US_ASCII));
  }

  static void putNextProposalId(Sink s, long next) {
    s.put(NEXT_PROPOSAL, Long.toString(next).getBytes(StandardCharsets.US_ASCII));
  }

  /** Ids of the open proposals, ascending. */
  static SortedSet<Long> open(Source s) {
    byte[] v = s.get(OPEN);
    TreeSet<Long> ids = new TreeSet<>();
    if (v != null) {
      AppJson.readStored(v).forEach(x -> ids.add(x.asLong()));
    }
    return ids;
  }

  static void putOpen(Sink s, SortedSet<Long> ids) {
    ArrayNode a = AppJson.object().arrayNode();
    ids.forEach(a::add);
    s.put(OPEN, AppJson.write(a));
  }

  static List<Proposal> proposals(Source s, int limit) {
    List<Proposal> out = new ArrayList<>();
    for (byte[] v : s.values(PROPOSAL_PREFIX, limit)) {
      JsonNode n = AppJson.readStored(v);
      out.add(Proposal.fromJson(n));
    }
    return out;
  }
}
