/** Per-app resource quotas for work orders, enforced by the host before ordering. */
package io.txnchain.node.quota;
