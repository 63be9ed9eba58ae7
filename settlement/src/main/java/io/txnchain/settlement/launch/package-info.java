/**
 * Settlement for {@code ./txnchain up --settlement dev|URL}: deployment and the bridge's wiring.
 */
package io.txnchain.settlement.launch;
