/** The load generator behind {@code txnchain bench submit}. */
package io.txnchain.client.cli.bench;
