/**
 * The {@code txnchain} command line, one picocli class per command. Names, options, JSON output and
 * exit codes are a public contract (CONTRACT.md).
 */
package io.txnchain.client.cli;
