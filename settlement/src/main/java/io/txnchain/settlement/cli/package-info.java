/** {@code ./txnchain settlement ...}: the chain side of a local network, from the command line. */
package io.txnchain.settlement.cli;
