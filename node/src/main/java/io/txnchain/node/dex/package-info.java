/** How a node builds its dex app: development faucet, or settlement on a chain (settlement.*). */
package io.txnchain.node.dex;
