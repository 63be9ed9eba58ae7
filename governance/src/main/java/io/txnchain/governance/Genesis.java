package io.txnchain.governance;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Governance as the genesis configuration sets it up: the first members and the first policy. Every
 * node of a network must be started with the same genesis, as with the chain id; the ledger keeps
 * the values only once governance changes them.
 *
 * @param members checksummed addresses of the first members
 * @param policy the first admission policy
 */
public record Genesis(SortedSet<String> members, Policy policy) {

  /** Parses and checksums the member addresses. */
  public Genesis {
    TreeSet<String> m = new TreeSet<>();
    for (String a : members) {
      m.add(checksummed(a));
    }
    members = Collections.unmodifiableSortedSet(m);
  }

  /** Genesis from configuration values: member addresses and the policy fields. */
  public static Genesis of(
      List<String> members,
      boolean allowSimulated,
      boolean autoAdmit,
      List<String> allowedMeasurements) {
    return new Genesis(
        new TreeSet<>(members), Policy.of(allowSimulated, autoAdmit, allowedMeasurements));
  }

  static String checksummed(String address) {
    try {
      return EthAddress.parse(address).toChecksumHex();
    } catch (CryptoException e) {
      throw new IllegalArgumentException("not an Ethereum address: " + address, e);
    }
  }
}
