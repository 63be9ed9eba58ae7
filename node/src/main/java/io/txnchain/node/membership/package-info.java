/** Keeping the replication group in step with governance and the node directory on the ledger. */
package io.txnchain.node.membership;
