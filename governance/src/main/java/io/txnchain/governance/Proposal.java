package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A proposal and its ballots, as stored on the ledger.
 *
 * @param id sequential, from 1
 * @param proposer the member who proposed it (and whose approval counts as the first ballot)
 * @param action the proposed change, as proposed (canonical JSON)
 * @param status {@code open}, {@code accepted}, {@code rejected} or {@code withdrawn}
 * @param ballots in the order cast
 * @param proposedAt the block height of the proposal
 * @param decidedAt the block height of the decision, 0 while open
 */
public record Proposal(
    long id,
    String proposer,
    ObjectNode action,
    String status,
    List<Ballot> ballots,
    long proposedAt,
    long decidedAt) {

  /** One member's ballot. */
  public record Ballot(String member, boolean approve, long height) {}

  public static final String OPEN = "open";
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String WITHDRAWN = "withdrawn";

  /** Ballots of current members in favour. */
  long approvals(Set<String> members) {
    return ballots.stream().filter(b -> b.approve() && members.contains(b.member())).count();
  }

  /** Ballots of current members against. */
  long rejections(Set<String> members) {
    return ballots.stream().filter(b -> !b.approve() && members.contains(b.member())).count();
  }

  boolean hasVoted(String member) {
    return ballots.stream().anyMatch(b -> b.member().equals(member));
  }

  Proposal withBallot(Ballot b) {
    List<Ballot> all = new ArrayList<>(ballots);
    all.add(b);
    return new Proposal(id, proposer, action, status, List.copyOf(all), proposedAt, decidedAt);
  }

  Proposal decided(String newStatus, long height) {
    return new Proposal(id, proposer, action, newStatus, ballots, proposedAt, height);
  }

  /** The stored and reported form. */
  public ObjectNode toJson() {
    ObjectNode n = AppJson.object();
    n.put("id", Long.toString(id));
    n.put("proposer", proposer);
    n.set("action", action.deepCopy());
    n.put("status", status);
    ArrayNode b = n.putArray("ballots");
    for (Ballot x : ballots) {
      ObjectNode o = b.addObject();
      o.put("member", x.member());
      o.put("approve", x.approve());
      o.put("height", x.height());
    }
    n.put("proposedAt", proposedAt);
    n.put("decidedAt", decidedAt);
    return n;
  }

  static Proposal fromJson(JsonNode n) {
    List<Ballot> ballots = new ArrayList<>();
    for (JsonNode b : n.get("ballots")) {
      ballots.add(
          new Ballot(
              b.get("member").asText(), b.get("approve").asBoolean(), b.get("height").asLong()));
    }
    return new Proposal(
        Long.parseLong(n.get("id").asText()),
        n.get("proposer").asText(),
        (ObjectNode) n.get("action"),
        n.get("status").asText(),
        List.copyOf(ballots),
        n.get("proposedAt").asLong(),
        n.get("decidedAt").asLong());
  }
}
