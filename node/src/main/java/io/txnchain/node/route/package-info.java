/**
 * Work-order routing (the seed's pxc scheduler): which node of the network takes a work order, from
 * what each node reports about the apps it hosts, their load and its health.
 */
package io.txnchain.node.route;
