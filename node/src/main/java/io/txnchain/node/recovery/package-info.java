/** Keeping the members' recovery shares of the network keys in step with governance. */
package io.txnchain.node.recovery;
