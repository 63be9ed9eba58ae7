/**
 * Settlement of Pixie DEX on an Ethereum-compatible chain: the compiled contracts ({@code
 * contract}), a small JSON-RPC client over web3j ({@code chain}), a local development node ({@code
 * devnode}) and the bridge ({@code bridge}). See docs/settlement.md.
 */
package io.txnchain.settlement;
