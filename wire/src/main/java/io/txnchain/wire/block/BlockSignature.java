package io.txnchain.wire.block;

/**
 * An enclave's Ed25519 signature over {@link BlockHeader#signingMessage()}.
 *
 * @param enclaveKey the signing enclave's identity key (32 bytes)
 * @param signature 64 bytes
 */
public record BlockSignature(byte[] enclaveKey, byte[] signature) {}
