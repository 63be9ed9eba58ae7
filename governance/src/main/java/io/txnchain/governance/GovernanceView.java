package io.txnchain.governance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.ledger.state.AppStateView;
import io.txnchain.ledger.state.StateColumn;
import io.txnchain.ledger.state.StateReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Governance as committed on the ledger, read by the host: for {@code gov_list}, and for deciding
 * whether a node that asks to join is admitted. Everything here is public state.
 */
public final class GovernanceView {
  /** Most proposals one listing returns. */
  public static final int MAX_LISTED = 1000;

  private final Genesis genesis;
  private final GovState.Source source;

  public GovernanceView(Genesis genesis, StateReader state) {
    this.genesis = genesis;
    byte[] ns = AppStateView.namespace(GovApp.NAME);
    this.source =
        new GovState.Source() {
          @Override
          public byte[] get(String key) {
            return state.get(StateColumn.PUBLIC, concat(ns, GovState.key(key)));
          }

          @Override
          public List<byte[]> values(String prefix, int limit) {
            return state.scan(StateColumn.PUBLIC, concat(ns, GovState.key(prefix)), limit).stream()
                .map(Map.Entry::getValue)
                .toList();
          }
        };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  public SortedSet<String> members() {
    return GovState.members(source, genesis);
  }

  public Policy policy() {
    return GovState.policy(source, genesis);
  }

  /** Nodes voted in: identity key (hex) to node name. */
  public SortedMap<String, String> admittedNodes() {
    return GovState.nodes(source);
  }

  /** Nodes governance removed: identity key (hex) to node name ("" if never voted in). */
  public SortedMap<String, String> removedNodes() {
    return GovState.removedNodes(source);
  }

  /** Members' registered recovery keys: address to X25519 public key (hex). */
  public SortedMap<String, String> recoveryKeys() {
    SortedMap<String, String> keys = GovState.recoveryKeys(source);
    keys.keySet().retainAll(members());
    return keys;
  }

  /** The latest recovery share set ({@code threshold, networkKey, height, shares}), or null. */
  public com.fasterxml.jackson.databind.JsonNode recovery() {
    return GovState.recovery(source);
  }

  /**
   * Whether the recorded recovery shares still fit the current members and their recovery keys, and
   * why not. A node reissues shares when this is stale.
   */
  public RecoveryStatus recoveryStatus() {
    return Recovery.status(source, genesis);
  }

  /**
   * The fee schedules governance set, by market: the action of the latest accepted {@code
   * set_fee_schedule} proposal for each market. Accepted means enacted: a schedule the DEX refused
   * leaves its proposal open.
   */
  public SortedMap<String, ObjectNode> feeSchedules() {
    SortedMap<String, ObjectNode> fees = new java.util.TreeMap<>();
    for (Proposal p : proposals(MAX_LISTED)) {
      if (p.status().equals(Proposal.ACCEPTED)
          && p.action().path("type").asText().equals("set_fee_schedule")) {
        fees.put(p.action().path("market").asText(), p.action());
      }
    }
    return fees;
  }

  /** Up to {@code limit} proposals, oldest first. */
  public List<Proposal> proposals(int limit) {
    return GovState.proposals(source, Math.min(limit, MAX_LISTED));
  }

  /**
   * Why a node with this identity key may not join, or {@code null} if it may: with auto-admit on,
   * passing the evidence check is enough; otherwise the members must have voted it in.
   */
  public String refusalOf(String identityKeyHex) {
    if (removedNodes().containsKey(identityKeyHex)) {
      return "node identity key "
          + identityKeyHex
          + " was removed by governance: a member must propose add_node with this key and a"
          + " majority approve";
    }
    if (policy().autoAdmit() || admittedNodes().containsKey(identityKeyHex)) {
      return null;
    }
    return "node identity key "
        + identityKeyHex
        + " is not admitted: a member must propose add_node with this key and a majority approve";
  }

  /** Everything, as {@code gov_list} returns it. */
  public ObjectNode toJson(int limit) {
    ObjectNode n = AppJson.object();
    ArrayNode m = n.putArray("members");
    SortedSet<String> members = members();
    members.forEach(m::add);
    n.put("threshold", members.size() / 2 + 1);
    n.set("policy", policy().toJson());
    ObjectNode nodes = n.putObject("nodes");
    admittedNodes().forEach(nodes::put);
    ObjectNode removed = n.putObject("removedNodes");
    removedNodes().forEach(removed::put);
    ObjectNode keys = n.putObject("recoveryKeys");
    recoveryKeys().forEach(keys::put);
    RecoveryStatus recovery = recoveryStatus();
    ObjectNode r = n.putObject("recovery");
    r.put("issued", recovery.issued());
    r.put("threshold", recovery.threshold());
    r.put("height", recovery.height());
    r.put("shares", recovery.shares());
    r.put("holders", recovery.holders().size());
    r.put("stale", recovery.stale());
    if (recovery.stale()) {
      r.put("reason", recovery.reason());
    } else {
      r.putNull("reason");
    }
    ArrayNode p = n.putArray("proposals");
    for (Proposal x : proposals(limit)) {
      p.add(x.toJson());
    }
    return n;
  }
}
