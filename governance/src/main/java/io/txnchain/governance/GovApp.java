package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import io.txnchain.tee.app.EnclaveApp;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Governance as an enclave app. Inputs (JSON, signed by a member):
 *
 * <ul>
 *   <li>{@code {"op":"propose","action":{...}}}: opens a proposal; the proposer's approval is its
 *       first ballot, so on a one-member network it passes at once;
 *   <li>{@code {"op":"vote","proposal":"ID","approve":true|false}}: one ballot per member;
 *   <li>{@code {"op":"withdraw","proposal":"ID"}}: the proposer closes an open proposal.
 * </ul>
 *
 * <p>A proposal is accepted when more than half of the current members approve, and rejected when
 * that can no longer happen. Accepting enacts the action in the same transaction; an action that
 * cannot be enacted any more (the member was added meanwhile, the DEX refuses the fees) rejects the
 * deciding ballot, and the proposer can withdraw the proposal. Ballots of members who left are not
 * counted. See docs/governance.md.
 */
public final class GovApp implements EnclaveApp {
  /** The registered name; the ledger lets only this app instruct others. */
  public static final String NAME = LedgerStateMachine.GOVERNANCE_APP;

  /** The DEX app, which governance instructs to change fees. */
  static final String DEX_APP = "dex";

  /** Open proposals at once, so that a member cannot fill the state with them. */
  static final int MAX_OPEN = 64;

  private final Genesis genesis;
  private volatile String nodeSubmitter;

  public GovApp(Genesis genesis) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
  }

  /**
   * The address the network's nodes submit with (derived from the network secret, the same on every
   * node): only it may record recovery shares, which only an enclave can make.
   */
  public void authorizeNodes(String address) {
    this.nodeSubmitter = address;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Class<?>> codeAnchors() {
    return List.of(GovApp.class, AppJson.class);
  }

  @Override
  public byte[] execute(AppContext ctx, byte[] input) throws AppRejectedException {
    ObjectNode in = AppJson.parseObject(input);
    AppState state = ctx.publicState();
    GovState.Source src = source(state);
    GovState.Sink sink = (k, v) -> state.put(GovState.key(k), v);
    String caller = ctx.caller();
    if (AppJson.requiredString(in, "op").equals("recovery_shares")) {
      if (nodeSubmitter == null || !nodeSubmitter.equals(caller)) {
        throw new AppRejectedException(
            GovCodes.NOT_A_NODE, "recovery shares are made by the network's enclaves only");
      }
      return Recovery.record(ctx, src, sink, in, genesis);
    }
    SortedSet<String> members = GovState.members(src, genesis);
    if (!members.contains(caller)) {
      throw new AppRejectedException(
          GovCodes.NOT_A_MEMBER, caller + " is not a member of this network's governance");
    }
    String op = AppJson.requiredString(in, "op");
    Proposal p;
    switch (op) {
      case "propose":
        AppJson.allowOnly(in, "op", "action");
        p = propose(ctx, src, sink, Action.parse(in.get("action")));
        break;
      case "vote":
        AppJson.allowOnly(in, "op", "proposal", "approve");
        JsonNode approve = AppJson.required(in, "approve");
        if (!approve.isBoolean()) {
          throw AppJson.invalid("field 'approve' must be true or false");
        }
        p = vote(ctx, src, sink, open(src, in), approve.booleanValue());
        break;
      case "set_recovery_key":
        AppJson.allowOnly(in, "op", "publicKey");
        return Recovery.setKey(ctx, src, sink, in);
      case "withdraw":
        AppJson.allowOnly(in, "op", "proposal");
        p = open(src, in);
        if (!p.proposer().equals(caller)) {
          throw new AppRejectedException(
              GovCodes.NOT_PROPOSER, "only " + p.proposer() + " may withdraw this proposal");
        }
        p = p.decided(Proposal.WITHDRAWN, ctx.blockHeight());
        GovState.putProposal(sink, p);
        track(src, sink, p);
        ctx.emit("proposal.withdrawn", AppJson.write(p.toJson()));
        break;
      default:
        throw new AppRejectedException(
            GovCodes.UNKNOWN_OP,
            "unknown op; expected propose, vote, withdraw or set_recovery_key");
    }
    SortedSet<String> now = GovState.members(src, genesis);
    ObjectNode out = AppJson.object();
    out.put("proposal", Long.toString(p.id()));
    out.put("status", p.status());
    out.put("approvals", p.approvals(now));
    out.put("rejections", p.rejections(now));
    out.put("members", now.size());
    return AppJson.write(out);
  }

  private Proposal propose(AppContext ctx, GovState.Source src, GovState.Sink sink, Action action)
      throws AppRejectedException {
    if (GovState.open(src).size() >= MAX_OPEN) {
      throw new AppRejectedException(
          GovCodes.TOO_MANY_OPEN, MAX_OPEN + " proposals are open; decide or withdraw some first");
    }
    long id = GovState.nextProposalId(src);
    GovState.putNextProposalId(sink, id + 1);
    Proposal p =
        new Proposal(
            id, ctx.caller(), action.toJson(), Proposal.OPEN, List.of(), ctx.blockHeight(), 0);
    ctx.emit("proposal.opened", AppJson.write(p.toJson()));
    return vote(ctx, src, sink, p, true);
  }

  private Proposal vote(
      AppContext ctx, GovState.Source src, GovState.Sink sink, Proposal p, boolean approve)
      throws AppRejectedException {
    if (p.hasVoted(ctx.caller())) {
      throw new AppRejectedException(
          GovCodes.ALREADY_VOTED, ctx.caller() + " has voted on proposal " + p.id() + " already");
    }
    p = p.withBallot(new Proposal.Ballot(ctx.caller(), approve, ctx.blockHeight()));
    ObjectNode ballot = AppJson.object();
    ballot.put("proposal", Long.toString(p.id()));
    ballot.put("member", ctx.caller());
    ballot.put("approve", approve);
    ctx.emit("ballot", AppJson.write(ballot));
    SortedSet<String> members = GovState.members(src, genesis);
    if (p.approvals(members) * 2 > members.size()) {
      enact(ctx, src, sink, Action.parse(p.action()));
      p = p.decided(Proposal.ACCEPTED, ctx.blockHeight());
      ctx.emit("proposal.accepted", AppJson.write(p.toJson()));
    } else if (p.rejections(members) * 2 >= members.size()) {
      p = p.decided(Proposal.REJECTED, ctx.blockHeight());
      ctx.emit("proposal.rejected", AppJson.write(p.toJson()));
    }
    GovState.putProposal(sink, p);
    track(src, sink, p);
    return p;
  }

  /** Keeps the set of open proposals, which bounds how many a member can leave hanging. */
  private static void track(GovState.Source src, GovState.Sink sink, Proposal p) {
    SortedSet<Long> open = GovState.open(src);
    boolean changed = p.status().equals(Proposal.OPEN) ? open.add(p.id()) : open.remove(p.id());
    if (changed) {
      GovState.putOpen(sink, open);
    }
  }

  private void enact(AppContext ctx, GovState.Source src, GovState.Sink sink, Action action)
      throws AppRejectedException {
    if (action instanceof Action.AddMember a) {
      SortedSet<String> m = new TreeSet<>(GovState.members(src, genesis));
      if (!m.add(a.address())) {
        throw invalid(a.address() + " is a member already");
      }
      GovState.putMembers(sink, m);
    } else if (action instanceof Action.RemoveMember a) {
      SortedSet<String> m = new TreeSet<>(GovState.members(src, genesis));
      if (!m.remove(a.address())) {
        throw invalid(a.address() + " is not a member");
      }
      if (m.isEmpty()) {
        throw invalid("the last member cannot be removed");
      }
      GovState.putMembers(sink, m);
    } else if (action instanceof Action.AllowMeasurement a) {
      Policy p = GovState.policy(src, genesis);
      if (p.measurements().contains(a.measurement())) {
        throw invalid("measurement " + a.measurement() + " is allowed already");
      }
      putAttestationEdit(sink, p.withMeasurementAllowed(a.measurement()));
    } else if (action instanceof Action.RevokeMeasurement a) {
      Policy p = GovState.policy(src, genesis);
      if (!p.names(a.measurement())) {
        throw invalid("measurement " + a.measurement() + " is not on the allowed list");
      }
      putAttestationEdit(sink, p.withMeasurementRevoked(a.measurement()));
    } else if (action instanceof Action.SetSimulatedPolicy a) {
      putAttestationEdit(sink, GovState.policy(src, genesis).withSimulated(a.allow()));
    } else if (action instanceof Action.SetAttestationPolicy a) {
      GovState.putPolicy(sink, GovState.policy(src, genesis).withAttestation(a.policy()));
    } else if (action instanceof Action.SetAutoAdmit a) {
      GovState.putPolicy(sink, GovState.policy(src, genesis).withAutoAdmit(a.enabled()));
    } else if (action instanceof Action.AddNode a) {
      SortedMap<String, String> nodes = GovState.nodes(src);
      if (nodes.containsKey(a.identityKey())) {
        throw invalid("a node with identity key " + a.identityKey() + " is admitted already");
      }
      nodes.put(a.identityKey(), a.nodeId());
      GovState.putNodes(sink, nodes);
      SortedMap<String, String> removed = GovState.removedNodes(src);
      if (removed.remove(a.identityKey()) != null) {
        GovState.putRemovedNodes(sink, removed);
      }
    } else if (action instanceof Action.RemoveNode a) {
      // Remembered, not just unlisted: with auto-admit on, an unlisted node could join again, and
      // the replication leader drops the removed node from the group by this record.
      SortedMap<String, String> removed = GovState.removedNodes(src);
      if (removed.containsKey(a.identityKey())) {
        throw invalid("the node with identity key " + a.identityKey() + " was removed already");
      }
      SortedMap<String, String> nodes = GovState.nodes(src);
      String name = nodes.remove(a.identityKey());
      removed.put(a.identityKey(), name == null ? "" : name);
      GovState.putNodes(sink, nodes);
      GovState.putRemovedNodes(sink, removed);
    } else if (action instanceof Action.SetFeeSchedule a) {
      ctx.instruct(DEX_APP, a.dexInput());
    } else {
      throw new IllegalStateException("unhandled action " + action);
    }
  }

  /**
   * Stores a policy that an older, narrower action edited, unless the edit left a policy no node
   * could meet (for example the last allowed measurement revoked): that needs a whole new policy.
   */
  private static void putAttestationEdit(GovState.Sink sink, Policy edited)
      throws AppRejectedException {
    java.util.List<String> contradictions =
        AttestationPolicies.contradictions(edited.attestation());
    if (!contradictions.isEmpty()) {
      throw invalid(
          "the resulting attestation policy cannot be met ("
              + String.join("; ", contradictions)
              + "); propose set_attestation_policy with the policy you want instead");
    }
    GovState.putPolicy(sink, edited);
  }

  private static AppRejectedException invalid(String message) {
    return new AppRejectedException(GovCodes.ACTION_INVALID, message);
  }

  private static Proposal open(GovState.Source src, ObjectNode in) throws AppRejectedException {
    JsonNode idNode = AppJson.required(in, "proposal");
    long id;
    try {
      id = Long.parseLong(idNode.asText());
    } catch (NumberFormatException e) {
      throw AppJson.invalid("field 'proposal' must be a proposal id");
    }
    Proposal p = id > 0 ? GovState.proposal(src, id) : null;
    if (p == null) {
      throw new AppRejectedException(GovCodes.UNKNOWN_PROPOSAL, "no proposal " + idNode.asText());
    }
    if (!p.status().equals(Proposal.OPEN)) {
      throw new AppRejectedException(
          GovCodes.PROPOSAL_CLOSED, "proposal " + p.id() + " is " + p.status());
    }
    return p;
  }

  private static GovState.Source source(AppState state) {
    return new GovState.Source() {
      @Override
      public byte[] get(String key) {
        return state.get(GovState.key(key));
      }

      @Override
      public List<byte[]> values(String prefix, int limit) {
        return state.scan(GovState.key(prefix), limit).stream().map(Map.Entry::getValue).toList();
      }
    };
  }
}
