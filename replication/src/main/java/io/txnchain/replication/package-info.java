/**
 * The replicated log on Apache Ratis: {@link io.txnchain.replication.RatisReplicatedLog} implements
 * the ledger's {@code ReplicatedLog} and drives its {@code EntryApplier}. This is the only module
 * that imports Ratis; everything it exposes uses plain Java types.
 */
package io.txnchain.replication;
