package io.txnchain.tee.collateral.fetch;

import java.net.URI;
import java.util.List;

/**
 * One item to fetch.
 *
 * @param key the cache entry's name (file-name safe)
 * @param what a description for messages, e.g. "SGX TCB Info for FMSPC 00a067110000"
 * @param uri where to get it
 * @param chainHeaders response headers that may carry its issuer chain (URL-encoded PEM), first
 *     present wins
 */
public record CollateralRequest(String key, String what, URI uri, List<String> chainHeaders) {
  public CollateralRequest {
    chainHeaders = List.copyOf(chainHeaders);
  }
}
