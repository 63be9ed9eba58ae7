/** How a node checks other enclaves' evidence: the verifiers, their collateral, the policy. */
package io.txnchain.node.attest;
