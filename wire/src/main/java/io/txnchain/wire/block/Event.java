package io.txnchain.wire.block;

/** A public event emitted by an enclave app, recorded with the transaction that caused it. */
public record Event(String app, String type, byte[] data) {}
