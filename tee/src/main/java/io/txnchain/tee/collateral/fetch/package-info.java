/**
 * Fetching the collateral that hardware evidence needs from AMD's key distribution service (KDS)
 * and Intel's provisioning certification service (PCS, API v4), and caching it on disk until it
 * expires. Nothing fetched is trusted: the verifiers check it against the pinned vendor roots
 * exactly like collateral read from files.
 */
package io.txnchain.tee.collateral.fetch;
