/**
 * The network's governance: members named at genesis propose and vote on changes (members, the
 * attestation policy, node admission, the DEX fee schedule); a majority of members decides.
 * Proposals and ballots are transactions to the {@link io.txnchain.governance.GovApp} enclave app,
 * so they are on the ledger with receipts like everything else.
 */
package io.txnchain.governance;
