package io.txnchain.wire.dex;

import io.txnchain.crypto.EthAddress;
import java.util.Objects;

/**
 * The EIP-712 domain orders are signed under: {@code EIP712Domain(string name,string
 * version,uint256 chainId,address verifyingContract)} with name {@value #NAME} and version {@value
 * #VERSION}. The chain id and the settlement contract bind a signature to one deployment.
 *
 * @param chainId the settlement chain's id, &ge; 0
 * @param verifyingContract the settlement contract's address
 */
public record Eip712Domain(long chainId, EthAddress verifyingContract) {
  /** The domain name. */
  public static final String NAME = "Pixie DEX";

  /** The domain version. */
  public static final String VERSION = "1";

  /** Validates the fields. */
  public Eip712Domain {
    Objects.requireNonNull(verifyingContract, "verifyingContract");
    if (chainId < 0) {
      throw new IllegalArgumentException("chainId must be >= 0");
    }
  }
}
