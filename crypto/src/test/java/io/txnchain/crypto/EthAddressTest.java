package io.txnchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EthAddressTest {
  /** The mixed-case examples from EIP-55. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
      })
  void eip55ChecksumExamples(String checksummed) throws CryptoException {
    EthAddress fromLower = EthAddress.parse(checksummed.toLowerCase(Locale.ROOT));
    assertThat(fromLower.toChecksumHex()).isEqualTo(checksummed);
    assertThat(EthAddress.parse(checksummed)).isEqualTo(fromLower);
    assertThat(EthAddress.parse("0x" + checksummed.substring(2).toUpperCase(Locale.ROOT)))
        .isEqualTo(fromLower);
    assertThat(fromLower.toString()).isEqualTo(checksummed);
  }

  /** EIP-55's all-caps and all-lowercase examples carry no checksum and are accepted as is. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26"
      })
  void singleCaseAddressesParse(String address) throws CryptoException {
    assertThat(EthAddress.parse(address).toChecksumHex()).isEqualToIgnoringCase(address);
  }

  @Test
  void badChecksumIsRejected() {
    // One letter's case flipped.
    assertThatThrownBy(() -> EthAddress.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("EIP-55");
    assertThatThrownBy(() -> EthAddress.parse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void malformedStringsAreRejected() {
    for (String bad :
        new String[] {
          "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
          "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae",
          "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0",
          "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
          "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea d",
          "0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
          ""
        }) {
      assertThatThrownBy(() -> EthAddress.parse(bad)).as(bad).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void valueSemantics() throws CryptoException {
    byte[] bytes = new byte[20];
    EthAddress zero = new EthAddress(bytes);
    assertThat(zero.isZero()).isTrue();
    bytes[19] = 1;
    assertThat(zero.isZero()).as("constructor copies its input").isTrue();
    EthAddress one = new EthAddress(bytes);
    assertThat(one.isZero()).isFalse();
    assertThat(one).isEqualTo(EthAddress.parse("0x0000000000000000000000000000000000000001"));
    assertThat(one.hashCode())
        .isEqualTo(EthAddress.parse("0x0000000000000000000000000000000000000001").hashCode());
    assertThat(one).isNotEqualTo(zero);
    one.bytes20()[19] = 2;
    assertThat(one.bytes20()[19]).isEqualTo((byte) 1);
    assertThatThrownBy(() -> new EthAddress(new byte[19]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20 bytes, got 19");
  }
}
