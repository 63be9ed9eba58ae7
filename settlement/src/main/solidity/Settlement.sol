// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Pixie DEX settlement
/// @notice Custody of listed ERC-20 tokens and final settlement of batches that an attested enclave
/// matched off-chain and signed as EIP-712 typed data (domain "Pixie DEX", version "1"). The owner
/// (governance) registers enclave signer keys after verifying their evidence and records the
/// enclave's measurement next to each key. See docs/settlement.md.
contract Settlement is Ownable, EIP712 {
    using SafeERC20 for IERC20;

    /// A net change of one account's balance of one token.
    struct Delta {
        address account;
        address token;
        int256 amount;
    }

    /// A payout that the enclave debited on the ledger.
    struct Withdrawal {
        uint64 withdrawalId;
        address account;
        address token;
        uint256 amount;
    }

    /// What the enclave signs. Deltas are sorted by (token, account), strictly ascending, and sum
    /// to zero per token; fees are deltas to the fee account like any other.
    struct Batch {
        uint64 batchId;
        bytes32 tradesHash;
        Delta[] deltas;
        Withdrawal[] withdrawals;
    }

    bytes32 public constant DELTA_TYPEHASH = keccak256("Delta(address account,address token,int256 amount)");
    bytes32 public constant WITHDRAWAL_TYPEHASH =
        keccak256("Withdrawal(uint64 withdrawalId,address account,address token,uint256 amount)");
    bytes32 public constant BATCH_TYPEHASH = keccak256(
        "Batch(uint64 batchId,bytes32 tradesHash,Delta[] deltas,Withdrawal[] withdrawals)"
        "Delta(address account,address token,int256 amount)"
        "Withdrawal(uint64 withdrawalId,address account,address token,uint256 amount)"
    );

    /// The ledger holds amounts in signed 64-bit integers: a larger deposit could not be credited.
    uint256 public constant MAX_AMOUNT = uint256(uint64(type(int64).max));

    /// Seconds without a settled batch after which users may take their settled balance out.
    uint256 public immutable escapeTimeout;

    mapping(address signer => bytes32 measurement) public signerMeasurement;
    mapping(address token => bool) public listed;
    mapping(address token => mapping(address account => uint256)) public balanceOf;

    address public feeAccount;
    uint64 public lastBatchId;
    uint64 public depositCount;
    uint256 public lastSettlementTime;
    bool public frozen;

    event SignerRegistered(address indexed signer, bytes32 measurement);
    event SignerRevoked(address indexed signer);
    event TokenListed(address indexed token);
    event FeeAccountSet(address indexed feeAccount);
    event Deposited(uint64 indexed depositId, address indexed account, address indexed token, uint256 amount);
    event BatchSettled(uint64 indexed batchId, bytes32 tradesHash, bytes32 digest, address signer, uint256 deltas, uint256 withdrawals);
    event Withdrawn(uint64 indexed withdrawalId, address indexed account, address indexed token, uint256 amount);
    event EscapeWithdrawn(address indexed account, address indexed token, uint256 amount);

    error ZeroMeasurement();
    error TokenNotListed(address token);
    error InvalidAmount();
    error IsFrozen();
    error BatchReplayed(uint64 batchId, uint64 lastBatchId);
    error BatchGap(uint64 batchId, uint64 lastBatchId);
    error UnknownSigner(address signer);
    error DeltasNotSorted(uint256 index);
    error NotConserved(address token);
    error InsufficientBalance(address account, address token);
    error EscapeNotOpen(uint256 opensAt);

    constructor(address owner_, address feeAccount_, uint256 escapeTimeout_)
        Ownable(owner_)
        EIP712("Pixie DEX", "1")
    {
        feeAccount = feeAccount_;
        escapeTimeout = escapeTimeout_;
        lastSettlementTime = block.timestamp;
    }

    // ---- governance ----

    /// Registers an enclave key; the owner does so only after the enclave's evidence verified.
    function registerSigner(address signer, bytes32 measurement) external onlyOwner {
        if (measurement == bytes32(0)) revert ZeroMeasurement();
        signerMeasurement[signer] = measurement;
        emit SignerRegistered(signer, measurement);
    }

    function revokeSigner(address signer) external onlyOwner {
        delete signerMeasurement[signer];
        emit SignerRevoked(signer);
    }

    function listToken(address token) external onlyOwner {
        listed[token] = true;
        emit TokenListed(token);
    }

    function setFeeAccount(address feeAccount_) external onlyOwner {
        feeAccount = feeAccount_;
        emit FeeAccountSet(feeAccount_);
    }

    // ---- users ----

    /// Takes `amount` of `token` (approved beforehand) into custody for the sender. The ledger
    /// credits it once the bridge has seen enough confirmations; deposit ids make that idempotent.
    function deposit(address token, uint256 amount) external {
        if (!listed[token]) revert TokenNotListed(token);
        if (amount == 0 || amount > MAX_AMOUNT) revert InvalidAmount();
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        balanceOf[token][msg.sender] += amount;
        uint64 id = ++depositCount;
        emit Deposited(id, msg.sender, token, amount);
    }

    /// After `escapeTimeout` seconds without a batch, anyone may take out their last settled
    /// balance. The first escape freezes the contract: later batches would no longer match what
    /// was paid out.
    function escape(address token) external {
        uint256 opensAt = lastSettlementTime + escapeTimeout;
        if (block.timestamp <= opensAt) revert EscapeNotOpen(opensAt);
        frozen = true;
        uint256 amount = balanceOf[token][msg.sender];
        balanceOf[token][msg.sender] = 0;
        if (amount > 0) {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
        emit EscapeWithdrawn(msg.sender, token, amount);
    }

    // ---- the enclave's batches ----

    /// Applies a batch signed by a registered enclave key. Batch ids follow each other without
    /// gaps, so a replayed or reordered batch is refused and the bridge can tell what is settled.
    function settle(Batch calldata batch, bytes calldata signature) external {
        if (frozen) revert IsFrozen();
        if (batch.batchId <= lastBatchId) revert BatchReplayed(batch.batchId, lastBatchId);
        if (batch.batchId != lastBatchId + 1) revert BatchGap(batch.batchId, lastBatchId);
        bytes32 digest = hashBatch(batch);
        address signer = ECDSA.recover(digest, signature);
        if (signerMeasurement[signer] == bytes32(0)) revert UnknownSigner(signer);

        _applyDeltas(batch.deltas);
        for (uint256 i = 0; i < batch.withdrawals.length; i++) {
            Withdrawal calldata w = batch.withdrawals[i];
            uint256 balance = balanceOf[w.token][w.account];
            if (balance < w.amount) revert InsufficientBalance(w.account, w.token);
            balanceOf[w.token][w.account] = balance - w.amount;
            IERC20(w.token).safeTransfer(w.account, w.amount);
            emit Withdrawn(w.withdrawalId, w.account, w.token, w.amount);
        }
        lastBatchId = batch.batchId;
        lastSettlementTime = block.timestamp;
        emit BatchSettled(batch.batchId, batch.tradesHash, digest, signer, batch.deltas.length, batch.withdrawals.length);
    }

    function _applyDeltas(Delta[] calldata deltas) private {
        int256 sum = 0;
        for (uint256 i = 0; i < deltas.length; i++) {
            Delta calldata d = deltas[i];
            if (i > 0) {
                Delta calldata p = deltas[i - 1];
                if (d.token == p.token) {
                    if (d.account <= p.account) revert DeltasNotSorted(i);
                } else {
                    if (d.token < p.token) revert DeltasNotSorted(i);
                    if (sum != 0) revert NotConserved(p.token);
                    sum = 0;
                }
            }
            sum += d.amount;
            int256 next = int256(balanceOf[d.token][d.account]) + d.amount;
            if (next < 0) revert InsufficientBalance(d.account, d.token);
            balanceOf[d.token][d.account] = uint256(next);
        }
        if (sum != 0) revert NotConserved(deltas[deltas.length - 1].token);
    }

    /// The EIP-712 digest the enclave signs for `batch`.
    function hashBatch(Batch calldata batch) public view returns (bytes32) {
        bytes32[] memory deltaHashes = new bytes32[](batch.deltas.length);
        for (uint256 i = 0; i < batch.deltas.length; i++) {
            Delta calldata d = batch.deltas[i];
            deltaHashes[i] = keccak256(abi.encode(DELTA_TYPEHASH, d.account, d.token, d.amount));
        }
        bytes32[] memory withdrawalHashes = new bytes32[](batch.withdrawals.length);
        for (uint256 i = 0; i < batch.withdrawals.length; i++) {
            Withdrawal calldata w = batch.withdrawals[i];
            withdrawalHashes[i] =
                keccak256(abi.encode(WITHDRAWAL_TYPEHASH, w.withdrawalId, w.account, w.token, w.amount));
        }
        bytes32 structHash = keccak256(
            abi.encode(
                BATCH_TYPEHASH,
                batch.batchId,
                batch.tradesHash,
                keccak256(abi.encodePacked(deltaHashes)),
                keccak256(abi.encodePacked(withdrawalHashes))
            )
        );
        return _hashTypedDataV4(structHash);
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
}
