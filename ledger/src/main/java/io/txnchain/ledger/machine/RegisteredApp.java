package io.txnchain.ledger.machine;

import io.txnchain.tee.app.EnclaveApp;

/** An enclave app with the measurement of its code bundle. */
public record RegisteredApp(String name, byte[] measurement, EnclaveApp app) {}
