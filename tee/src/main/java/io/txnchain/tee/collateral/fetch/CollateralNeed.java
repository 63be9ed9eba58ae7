package io.txnchain.tee.collateral.fetch;

import java.util.List;

/**
 * Something the evidence needs, with the ways to get it: each alternative is a list of requests
 * that together supply it (an SEV-SNP report of version 2 does not name its product, so the VCEK
 * and AMD chain are tried for Milan, then Genoa).
 */
public record CollateralNeed(String what, List<List<CollateralRequest>> alternatives) {
  public CollateralNeed {
    alternatives = alternatives.stream().map(List::copyOf).toList();
  }

  /** A need with a single way to get it. */
  public static CollateralNeed of(CollateralRequest request) {
    return new CollateralNeed(request.what(), List.of(List.of(request)));
  }
}
