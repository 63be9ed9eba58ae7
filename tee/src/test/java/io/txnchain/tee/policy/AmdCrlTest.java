package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.collateral.Certificates;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.snp.AmdProduct;
import io.txnchain.tee.snp.AmdRoots;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;
import org.junit.jupiter.api.Test;

/**
 * An AMD CRL is optional collateral, but one that claims to come from the ARK must be signed by it.
 * Without AMD's key only a forged CRL can be made here, so this covers the refusal path; no genuine
 * AMD CRL is among the samples.
 */
class AmdCrlTest {

  private static byte[] forgedCrlNamed(X500Name issuer, PrivateKey key) throws Exception {
    V2TBSCertListGenerator gen = new V2TBSCertListGenerator();
    AlgorithmIdentifier alg =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    gen.setIssuer(issuer);
    gen.setSignature(alg);
    gen.setThisUpdate(new Time(Date.from(Instant.parse("2024-01-01T00:00:00Z"))));
    gen.setNextUpdate(new Time(Date.from(Instant.parse("2025-01-01T00:00:00Z"))));
    TBSCertList tbs = gen.generateTBSCertList();
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(tbs.getEncoded(ASN1Encoding.DER));
    return new DERSequence(new ASN1Encodable[] {tbs, alg, new DERBitString(s.sign())})
        .getEncoded(ASN1Encoding.DER);
  }

  @Test
  void aCrlInTheArksNameNotSignedByItIsRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    X500Name arkName =
        X500Name.getInstance(
            AmdRoots.pinned().ark(AmdProduct.MILAN).getSubjectX500Principal().getEncoded());
    Collateral withForgedCrl =
        Samples.snpCollateral()
            .plus(
                Collateral.builder()
                    .crl(
                        Certificates.crl(
                            forgedCrlNamed(arkName, rsa.generateKeyPair().getPrivate())))
                    .build());

    Verdict v =
        AttestationVerifier.pinned()
            .verify(
                Samples.snpReport(),
                withForgedCrl,
                AttestationPolicy.defaults().withAllowDebug(true),
                Samples.SNP_NOW);

    assertThat(v.reasons()).containsExactly("the AMD CRL is not signed by ARK-Milan");
  }
}
