package io.txnchain.settlement.contract;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.dex.settlement.Batch;
import io.txnchain.dex.settlement.Delta;
import io.txnchain.dex.settlement.Withdrawal;
import io.txnchain.settlement.chain.ChainException;
import io.txnchain.settlement.chain.ContractErrors;
import io.txnchain.settlement.chain.Transactor;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The Settlement contract (src/main/solidity/Settlement.sol), written against its ABI. Writes go
 * through a {@link Transactor}; a revert surfaces as a {@link
 * io.txnchain.settlement.chain.RevertedException} naming the contract's custom error.
 */
public final class SettlementContract {
  /** The contract's name in the build's artifacts. */
  public static final String NAME = "Settlement";

  private static final String BATCH_TUPLE =
      "(uint64,bytes32,(address,address,int256)[],(uint64,address,address,uint256)[])";

  /** Topic of {@code Deposited(uint64 indexed, address indexed, address indexed, uint256)}. */
  public static final String DEPOSITED_TOPIC = topic("Deposited(uint64,address,address,uint256)");

  /** Topic of {@code BatchSettled(uint64 indexed, bytes32, bytes32, address, uint256, uint256)}. */
  public static final String BATCH_SETTLED_TOPIC =
      topic("BatchSettled(uint64,bytes32,bytes32,address,uint256,uint256)");

  private final Transactor tx;
  private final String address;
  private final ContractErrors errors;

  /** The contract at {@code address}, used through {@code tx}. */
  public SettlementContract(Transactor tx, String address) {
    this.tx = tx;
    this.address = address;
    this.errors = ContractArtifact.require(NAME).errors();
  }

  /**
   * Deploys a new contract owned by {@code owner}, with fees credited to {@code feeAccount} and the
   * escape hatch opening after {@code escapeTimeoutSeconds} without a batch.
   */
  public static SettlementContract deploy(
      Transactor tx, String owner, String feeAccount, long escapeTimeoutSeconds)
      throws ChainException {
    String args =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Address(owner),
                new Address(feeAccount),
                new Uint256(BigInteger.valueOf(escapeTimeoutSeconds))));
    TransactionReceipt r = tx.deploy(ContractArtifact.require(NAME).bytecode() + args);
    requireSuccess(r, "deploy Settlement");
    return new SettlementContract(tx, r.getContractAddress());
  }

  /** The contract's address. */
  public String address() {
    return address;
  }

  /** The same contract used through another sender. */
  public SettlementContract as(Transactor other) {
    return new SettlementContract(other, address);
  }

  /** The transactor writes go through. */
  public Transactor transactor() {
    return tx;
  }

  /** Governance: registers an enclave signer with its measurement. */
  public TransactionReceipt registerSigner(String signer, byte[] measurement32)
      throws ChainException {
    return write("registerSigner", new Address(signer), new Bytes32(measurement32));
  }

  /** Governance: removes an enclave signer. */
  public TransactionReceipt revokeSigner(String signer) throws ChainException {
    return write("revokeSigner", new Address(signer));
  }

  /** Governance: allows deposits of {@code token}. */
  public TransactionReceipt listToken(String token) throws ChainException {
    return write("listToken", new Address(token));
  }

  /** Takes {@code amount} of {@code token} (approved beforehand) from the sender. */
  public TransactionReceipt deposit(String token, long amount) throws ChainException {
    return write("deposit", new Address(token), new Uint256(BigInteger.valueOf(amount)));
  }

  /** The escape hatch: the sender's settled balance of {@code token}, once batches stopped. */
  public TransactionReceipt escape(String token) throws ChainException {
    return write("escape", new Address(token));
  }

  /** Settles {@code batch} with the enclave's {@code signature} and waits for the receipt. */
  public TransactionReceipt settle(Batch batch, byte[] signature) throws ChainException {
    String data = settleData(batch, signature);
    TransactionReceipt r = tx.execute(address, data, errors);
    requireSuccess(r, "settle batch " + batch.batchId());
    return r;
  }

  /** The call data of {@code settle(batch, signature)}. */
  public static String settleData(Batch batch, byte[] signature) {
    return ContractErrors.selector("settle(" + BATCH_TUPLE + ",bytes)")
        + FunctionEncoder.encodeConstructor(
            List.of(batchStruct(batch), new DynamicBytes(signature)));
  }

  /** What {@code settle} would do now, as an {@code eth_call}: throws if it would revert. */
  public void checkSettle(Batch batch, byte[] signature) throws ChainException {
    tx.chain().call(tx.address(), address, settleData(batch, signature), errors);
  }

  /** The contract's EIP-712 digest of {@code batch}. */
  public byte[] hashBatch(Batch batch) throws ChainException {
    String data =
        ContractErrors.selector("hashBatch(" + BATCH_TUPLE + ")")
            + FunctionEncoder.encodeConstructor(List.of(batchStruct(batch)));
    return Numeric.hexStringToByteArray(tx.chain().call(tx.address(), address, data, errors));
  }

  /** The contract's EIP-712 domain separator. */
  public byte[] domainSeparator() throws ChainException {
    return Numeric.hexStringToByteArray(read("domainSeparator"));
  }

  /** The settled balance of {@code account} in {@code token}. */
  public BigInteger balanceOf(String token, String account) throws ChainException {
    return Numeric.decodeQuantity(
        trim(read("balanceOf", new Address(token), new Address(account))));
  }

  /** The id of the last settled batch, 0 before the first. */
  public long lastBatchId() throws ChainException {
    return Numeric.decodeQuantity(trim(read("lastBatchId"))).longValueExact();
  }

  /** How many deposits were made. */
  public long depositCount() throws ChainException {
    return Numeric.decodeQuantity(trim(read("depositCount"))).longValueExact();
  }

  /** The measurement recorded for {@code signer}; all zero when not registered. */
  public byte[] signerMeasurement(String signer) throws ChainException {
    return Numeric.hexStringToByteArray(read("signerMeasurement", new Address(signer)));
  }

  /** True once the escape hatch was used. */
  public boolean frozen() throws ChainException {
    return Numeric.decodeQuantity(trim(read("frozen"))).signum() != 0;
  }

  /** {@code Deposited} events in blocks {@code [from, to]}, in log order. */
  public List<DepositEvent> deposits(long from, long to) throws ChainException {
    List<DepositEvent> out = new ArrayList<>();
    for (Log l : tx.chain().logs(address, DEPOSITED_TOPIC, from, to)) {
      List<String> t = l.getTopics();
      out.add(
          new DepositEvent(
              Numeric.decodeQuantity(t.get(1)).longValueExact(),
              topicAddress(t.get(2)),
              topicAddress(t.get(3)),
              Numeric.decodeQuantity(trim(l.getData())).longValueExact(),
              l.getTransactionHash(),
              l.getBlockNumber().longValueExact(),
              l.getBlockHash()));
    }
    return out;
  }

  /** A {@code Deposited} event with where it was logged. */
  public record DepositEvent(
      long depositId,
      EthAddress account,
      EthAddress token,
      long amount,
      String txHash,
      long blockNumber,
      String blockHash) {}

  private TransactionReceipt write(String method, Type<?>... args) throws ChainException {
    String data = FunctionEncoder.encode(new Function(method, List.of(args), List.of()));
    TransactionReceipt r = tx.execute(address, data, errors);
    requireSuccess(r, method);
    return r;
  }

  private String read(String method, Type<?>... args) throws ChainException {
    String data = FunctionEncoder.encode(new Function(method, List.of(args), List.of()));
    return tx.chain().call(tx.address(), address, data, errors);
  }

  static void requireSuccess(TransactionReceipt r, String what) throws ChainException {
    if (!r.isStatusOK()) {
      throw new ChainException(
          what
              + " failed in transaction "
              + r.getTransactionHash()
              + " (status "
              + r.getStatus()
              + ")",
          false,
          null);
    }
  }

  private static String trim(String hex) {
    return hex == null || hex.equals("0x")
        ? "0x0"
        : Numeric.toHexStringWithPrefix(Numeric.toBigInt(hex));
  }

  private static EthAddress topicAddress(String topic) {
    byte[] b = Numeric.hexStringToByteArray(topic);
    byte[] a = new byte[20];
    System.arraycopy(b, 12, a, 0, 20);
    return new EthAddress(a);
  }

  private static String topic(String signature) {
    return Numeric.toHexString(Hashes.keccak256(signature.getBytes(StandardCharsets.US_ASCII)));
  }

  private static BatchStruct batchStruct(Batch b) {
    List<DeltaStruct> deltas = new ArrayList<>();
    for (Delta d : b.deltas()) {
      deltas.add(
          new DeltaStruct(
              new Address(d.account().toChecksumHex()),
              new Address(d.token().toChecksumHex()),
              new Int256(BigInteger.valueOf(d.amount()))));
    }
    List<WithdrawalStruct> withdrawals = new ArrayList<>();
    for (Withdrawal w : b.withdrawals()) {
      withdrawals.add(
          new WithdrawalStruct(
              new Uint64(BigInteger.valueOf(w.withdrawalId())),
              new Address(w.account().toChecksumHex()),
              new Address(w.token().toChecksumHex()),
              new Uint256(BigInteger.valueOf(w.amount()))));
    }
    return new BatchStruct(
        new Uint64(BigInteger.valueOf(b.batchId())),
        new Bytes32(b.tradesHash()),
        new DynamicArray<>(DeltaStruct.class, deltas),
        new DynamicArray<>(WithdrawalStruct.class, withdrawals));
  }

  /** ABI tuple {@code (address,address,int256)}. */
  public static final class DeltaStruct extends StaticStruct {
    /** The tuple's fields. */
    public DeltaStruct(Address account, Address token, Int256 amount) {
      super(account, token, amount);
    }
  }

  /** ABI tuple {@code (uint64,address,address,uint256)}. */
  public static final class WithdrawalStruct extends StaticStruct {
    /** The tuple's fields. */
    public WithdrawalStruct(Uint64 id, Address account, Address token, Uint256 amount) {
      super(id, account, token, amount);
    }
  }

  /** ABI tuple of a batch. */
  public static final class BatchStruct extends DynamicStruct {
    /** The tuple's fields. */
    public BatchStruct(
        Uint64 id,
        Bytes32 tradesHash,
        DynamicArray<DeltaStruct> deltas,
        DynamicArray<WithdrawalStruct> withdrawals) {
      super(id, tradesHash, deltas, withdrawals);
    }
  }
}
