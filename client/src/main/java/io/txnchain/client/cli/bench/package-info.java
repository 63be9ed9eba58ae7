/** The load generator behind {@code txnchain bench submit} and {@code bench dex}. */
package io.txnchain.client.cli.bench;
