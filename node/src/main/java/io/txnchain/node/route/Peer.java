package io.txnchain.node.route;

import java.util.Map;

/**
 * What a node last reported about itself.
 *
 * @param id the node's name
 * @param url its API
 * @param serving answering, ready, not diverged, running the same code as this node, and compliant
 *     with the network's attestation policy
 * @param compliance {@code null} when its evidence passes the policy, else why not
 * @param inFlight work orders in flight per app
 * @param freeSlots per app, how many more work orders its quota admits now
 * @param seenMillis when the report arrived (this node's clock)
 */
public record Peer(
    String id,
    String url,
    boolean serving,
    String compliance,
    Map<String, Integer> inFlight,
    Map<String, Integer> freeSlots,
    long seenMillis) {}
