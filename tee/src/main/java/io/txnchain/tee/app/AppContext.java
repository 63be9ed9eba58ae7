package io.txnchain.tee.app;

/** Everything an {@link EnclaveApp} may see while it executes one input. */
public interface AppContext {

  /** The id of the transaction or work order being executed. */
  String txId();

  /** The Ethereum-style address (0x-prefixed, checksummed) of the signer of the input. */
  String caller();

  /** The height of the block this execution belongs to. */
  long blockHeight();

  /** The block time chosen by the proposer, in milliseconds since the epoch; never a clock read. */
  long blockTimeMillis();

  /** True when the input arrived sealed; apps should then keep it in private state only. */
  boolean inputWasSealed();

  /** State visible on the ledger to anyone. */
  AppState publicState();

  /** State encrypted at rest and never returned to the host. */
  AppState privateState();

  /** Records a public event, in emission order. */
  void emit(String type, byte[] data);

  /**
   * Seals {@code plaintext} to an X25519 public key as a sealed box (HPKE base mode; docs/tee.md),
   * for data only the key's holder may read, such as an owner's balances in a public event. Every
   * replica produces the same bytes: the ephemeral key is derived from the network secret, this
   * transaction and everything sealed, so no randomness enters the state machine, and two boxes
   * share an ephemeral key only when they are the same box.
   *
   * @throws IllegalArgumentException when {@code recipientKey} is not a usable X25519 public key
   */
  default byte[] sealTo(byte[] recipientKey, byte[] info, byte[] aad, byte[] plaintext) {
    throw new UnsupportedOperationException("this context cannot seal");
  }

  /**
   * True when this input is a directive of the network's governance (a decision the members voted
   * for) rather than a user's transaction; {@link #caller()} is then the member whose ballot
   * decided it. Apps accept governance-only commands, such as a fee change, only then.
   */
  default boolean fromGovernance() {
    return false;
  }

  /**
   * Asks the ledger to execute {@code input} on the app named {@code app} as a governance
   * directive, after this execution returns and within the same transaction: if the directive is
   * rejected, the whole transaction is. Only the governance app may call this.
   *
   * @throws IllegalArgumentException when the caller is not the governance app
   */
  default void instruct(String app, byte[] input) {
    throw new IllegalArgumentException("only the governance app may instruct other apps");
  }
}
