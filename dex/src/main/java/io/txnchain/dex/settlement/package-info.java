/**
 * Settlement of the exchange on an Ethereum-compatible chain, as the enclave sees it: the batch the
 * enclave signs (net balance changes and withdrawals), its EIP-712 encoding, and the signer whose
 * key is derived inside the enclave. The contract and the bridge are in the settlement module; see
 * docs/settlement.md.
 */
package io.txnchain.dex.settlement;
