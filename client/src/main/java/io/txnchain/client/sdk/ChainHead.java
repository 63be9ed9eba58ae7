package io.txnchain.client.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The newest block a node has: {@code chain_head}.
 *
 * @param hash the block hash, hex
 * @param stateRoot the state commitment after the block, hex
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChainHead(
    String chainId, long height, String hash, String stateRoot, long timeMillis) {}
