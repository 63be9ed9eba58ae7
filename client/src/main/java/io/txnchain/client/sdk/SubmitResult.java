package io.txnchain.client.sdk;

/**
 * Where a data transaction was recorded.
 *
 * @param txId the transaction id, fixed by (chain, sender, client id)
 * @param height the block that holds it
 * @param index its position in the block
 * @param sealed whether its payload was sealed to the enclave key
 */
public record SubmitResult(String txId, long height, long index, boolean sealed) {}
