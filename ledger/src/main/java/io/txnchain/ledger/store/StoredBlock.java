package io.txnchain.ledger.store;

import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.BlockSignature;
import java.util.List;

/** A block header with the enclave signatures collected for it. */
public record StoredBlock(BlockHeader header, List<BlockSignature> signatures) {}
