package io.txnchain.governance;

/** The governance app's reason codes; docs/governance.md lists them. */
final class GovCodes {
  /** The signer of the transaction is not a member. */
  static final String NOT_A_MEMBER = "not_a_member";

  /** {@code op} is not propose, vote or withdraw. */
  static final String UNKNOWN_OP = "unknown_op";

  /** The action's {@code type} is not one governance knows. */
  static final String UNKNOWN_ACTION = "unknown_action";

  /** No proposal has this id. */
  static final String UNKNOWN_PROPOSAL = "unknown_proposal";

  /** The proposal was accepted, rejected or withdrawn already. */
  static final String PROPOSAL_CLOSED = "proposal_closed";

  /** This member has voted on this proposal already. */
  static final String ALREADY_VOTED = "already_voted";

  /** Only the proposer may withdraw a proposal. */
  static final String NOT_PROPOSER = "not_proposer";

  /**
   * The action cannot be carried out on the state of the moment: adding a member twice, removing
   * the last member or someone who is not a member, revoking a measurement that is not allowed.
   */
  static final String ACTION_INVALID = "action_invalid";

  /** Too many proposals are open at once. */
  static final String TOO_MANY_OPEN = "too_many_open";

  /** Recovery shares submitted by someone other than the network's nodes. */
  static final String NOT_A_NODE = "not_a_node";

  /** Recovery shares that do not match the members' registered recovery keys. */
  static final String SHARES_MISMATCH = "shares_mismatch";

  /**
   * Recovery shares that name, as the set they replace, a share set other than the recorded one:
   * another node issued shares meanwhile.
   */
  static final String SHARES_SUPERSEDED = "shares_superseded";

  private GovCodes() {}
}
