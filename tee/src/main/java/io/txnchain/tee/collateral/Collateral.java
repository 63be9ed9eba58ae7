package io.txnchain.tee.collateral;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a verifier needs besides the evidence: certificates (AMD VCEK/VLEK and ASK/ASVK, Intel
 * issuer chains), CRLs, and Intel's signed TCB Info and QE Identity. Nothing here is trusted: every
 * item is checked against the pinned vendor roots before use. Immutable.
 */
public final class Collateral {
  private static final Collateral EMPTY = builder().build();

  private final List<X509Certificate> certificates;
  private final List<X509CRL> crls;
  private final List<SignedJson> tcbInfos;
  private final List<SignedJson> qeIdentities;

  private Collateral(Builder b) {
    this.certificates = List.copyOf(b.certificates);
    this.crls = List.copyOf(b.crls);
    this.tcbInfos = List.copyOf(b.tcbInfos);
    this.qeIdentities = List.copyOf(b.qeIdentities);
  }

  public static Collateral empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  public List<X509CRL> crls() {
    return crls;
  }

  public List<SignedJson> tcbInfos() {
    return tcbInfos;
  }

  public List<SignedJson> qeIdentities() {
    return qeIdentities;
  }

  /** Everything in this collateral and in {@code other}. */
  public Collateral plus(Collateral other) {
    return builder().addAll(this).addAll(other).build();
  }

  /** The certificates whose subject common name satisfies {@code name}. */
  public List<X509Certificate> certificatesNamed(Predicate<String> name) {
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : certificates) {
      if (name.test(Certificates.subjectName(c))) {
        out.add(c);
      }
    }
    return out;
  }

  /** The CRL issued by {@code issuer}, if any. */
  public Optional<X509CRL> crlIssuedBy(javax.security.auth.x500.X500Principal issuer) {
    return crls.stream().filter(c -> c.getIssuerX500Principal().equals(issuer)).findFirst();
  }

  /** Collects collateral items; duplicates (the same certificate twice) are kept once. */
  public static final class Builder {
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<X509CRL> crls = new ArrayList<>();
    private final List<SignedJson> tcbInfos = new ArrayList<>();
    private final List<SignedJson> qeIdentities = new ArrayList<>();

    private Builder() {}

    public Builder certificate(X509Certificate c) {
      if (!certificates.contains(c)) {
        certificates.add(c);
      }
      return this;
    }

    public Builder crl(X509CRL c) {
      if (!crls.contains(c)) {
        crls.add(c);
      }
      return this;
    }

    public Builder tcbInfo(SignedJson j) {
      tcbInfos.add(j);
      return this;
    }

    public Builder qeIdentity(SignedJson j) {
      qeIdentities.add(j);
      return this;
    }

    public Builder addAll(Collateral c) {
      c.certificates.forEach(this::certificate);
      c.crls.forEach(this::crl);
      tcbInfos.addAll(c.tcbInfos);
      qeIdentities.addAll(c.qeIdentities);
      return this;
    }

    public Collateral build() {
      return new Collateral(this);
    }
  }
}
