package io.txnchain.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.settlement.Batch;
import io.txnchain.dex.settlement.BatchEncoder;
import io.txnchain.dex.settlement.Delta;
import io.txnchain.dex.settlement.Withdrawal;
import io.txnchain.wire.dex.Eip712Domain;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** The direct batch encoder against web3j's independent EIP-712 implementation. */
class BatchEncoderCrossCheckTest {
  static final String A = "0x1111111111111111111111111111111111111111";
  static final String B = "0x2222222222222222222222222222222222222222";
  static final String T = "0x3333333333333333333333333333333333333333";
  static final String C = "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC";

  @Test
  void digestEqualsWeb3jStructuredDataEncoder() throws Exception {
    Batch b =
        new Batch(
            42,
            Numeric.hexStringToByteArray("0x" + "ab".repeat(32)),
            List.of(
                new Delta(addr(A), addr(T), -2_001_000_000L),
                new Delta(addr(B), addr(T), 2_001_000_000L)),
            List.of(new Withdrawal(9, addr(B), addr(T), 5_000_000L)));
    String json =
        """
        {"types":{
          "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
            {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
          "Batch":[{"name":"batchId","type":"uint64"},{"name":"tradesHash","type":"bytes32"},
            {"name":"deltas","type":"Delta[]"},{"name":"withdrawals","type":"Withdrawal[]"}],
          "Delta":[{"name":"account","type":"address"},{"name":"token","type":"address"},
            {"name":"amount","type":"int256"}],
          "Withdrawal":[{"name":"withdrawalId","type":"uint64"},{"name":"account","type":"address"},
            {"name":"token","type":"address"},{"name":"amount","type":"uint256"}]},
         "primaryType":"Batch",
         "domain":{"name":"Pixie DEX","version":"1","chainId":31337,"verifyingContract":"%s"},
         "message":{"batchId":42,"tradesHash":"0x%s",
           "deltas":[{"account":"%s","token":"%s","amount":-2001000000},
                     {"account":"%s","token":"%s","amount":2001000000}],
           "withdrawals":[{"withdrawalId":9,"account":"%s","token":"%s","amount":5000000}]}}
        """
            .formatted(C, "ab".repeat(32), A, T, B, T, B, T);
    byte[] expected = new StructuredDataEncoder(json).hashStructuredData();
    assertThat(Numeric.toHexString(BatchEncoder.digest(new Eip712Domain(31337, addr(C)), b)))
        .isEqualTo(Numeric.toHexString(expected));
  }

  static EthAddress addr(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (io.txnchain.crypto.CryptoException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
