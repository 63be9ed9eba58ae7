/**
 * The Java SDK of TxnChain: {@link io.txnchain.client.sdk.TxnChainClient} for the node's JSON-RPC
 * API, {@link io.txnchain.client.sdk.UserKey} for user keys, {@link io.txnchain.client.sdk.Sealer}
 * for sealing payloads to an attested enclave, {@link io.txnchain.client.sdk.SealedResults} for
 * opening sealed results, and {@link io.txnchain.client.sdk.RetryingSubmitter} for idempotent
 * resends. It depends on the wire formats and never on server code.
 */
package io.txnchain.client.sdk;
