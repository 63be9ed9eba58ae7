package io.txnchain.node.route;

import java.util.Map;

/**
 * What a node last reported about itself.
 *
 * @param id the node's name
 * @param url its API
 * @param serving answering, ready, not diverged, and running the same code as this node
 * @param inFlight work orders in flight per app
 * @param freeSlots per app, how many more work orders its quota admits now
 * @param seenMillis when the report arrived (this node's clock)
 */
public record Peer(
    String id,
    String url,
    boolean serving,
    Map<String, Integer> inFlight,
    Map<String, Integer> freeSlots,
    long seenMillis) {}
