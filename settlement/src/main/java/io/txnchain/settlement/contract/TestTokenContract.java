package io.txnchain.settlement.contract;

import io.txnchain.settlement.chain.ChainException;
import io.txnchain.settlement.chain.Transactor;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** The development ERC-20 (src/main/solidity/TestToken.sol): anyone may mint. */
public final class TestTokenContract {
  /** The contract's name in the build's artifacts. */
  public static final String NAME = "TestToken";

  private final Transactor tx;
  private final String address;

  /** The token at {@code address}, used through {@code tx}. */
  public TestTokenContract(Transactor tx, String address) {
    this.tx = tx;
    this.address = address;
  }

  /** Deploys a token. */
  public static TestTokenContract deploy(Transactor tx, String name, String symbol, int decimals)
      throws ChainException {
    String args =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Utf8String(name),
                new Utf8String(symbol),
                new Uint8(BigInteger.valueOf(decimals))));
    TransactionReceipt r = tx.deploy(ContractArtifact.require(NAME).bytecode() + args);
    SettlementContract.requireSuccess(r, "deploy " + symbol);
    return new TestTokenContract(tx, r.getContractAddress());
  }

  /** The token's address. */
  public String address() {
    return address;
  }

  /** The same token used through another sender. */
  public TestTokenContract as(Transactor other) {
    return new TestTokenContract(other, address);
  }

  /** Mints {@code amount} to {@code to}. */
  public void mint(String to, long amount) throws ChainException {
    write("mint", new Address(to), new Uint256(BigInteger.valueOf(amount)));
  }

  /** Lets {@code spender} take up to {@code amount} of the sender's tokens. */
  public void approve(String spender, long amount) throws ChainException {
    write("approve", new Address(spender), new Uint256(BigInteger.valueOf(amount)));
  }

  /** The token balance of {@code account}. */
  public BigInteger balanceOf(String account) throws ChainException {
    String data =
        FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(account)), List.of()));
    return Numeric.toBigInt(tx.chain().call(tx.address(), address, data, null));
  }

  private void write(String method, Type<?>... args) throws ChainException {
    String data = FunctionEncoder.encode(new Function(method, List.of(args), List.of()));
    SettlementContract.requireSuccess(tx.execute(address, data, null), method);
  }
}
