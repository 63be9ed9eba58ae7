package io.txnchain.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.seal.SealedBox;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link TradingClient#openBalances}: the owner opens its snapshot; nothing else passes. */
class OpenBalancesTest {
  private final SecureRandom random = new SecureRandom();
  private final UserKey alice = UserKey.generate(random);
  private final UserKey bob = UserKey.generate(random);

  private static String owner(UserKey k) {
    return "0x" + HexFormat.of().formatHex(k.address().bytes20());
  }

  /** A box as the DEX seals it: to the view key, the owner's lower-case address as aad. */
  private String sealedTo(UserKey recipient, String aadOwner, String json) {
    return HexFormat.of()
        .formatHex(
            SealedBox.seal(
                recipient.viewKey().publicKey(),
                "txnchain/dex/balances/v1".getBytes(StandardCharsets.US_ASCII),
                aadOwner.getBytes(StandardCharsets.US_ASCII),
                json.getBytes(StandardCharsets.UTF_8),
                random));
  }

  private static String snapshot(UserKey k) {
    return "{\"address\":\""
        + k.address().toChecksumHex()
        + "\",\"balances\":[{\"token\":\"USDC\",\"available\":\"7999.6\",\"locked\":\"0.25\"}],"
        + "\"height\":42,\"txId\":\"0xab\"}";
  }

  @Test
  void theOwnerOpensItsSnapshot() {
    MarketData.Balances b =
        TradingClient.openBalances(alice, sealedTo(alice, owner(alice), snapshot(alice)));
    assertThat(b.height()).isEqualTo(42);
    assertThat(b.txId()).isEqualTo("0xab");
    assertThat(b.balances())
        .containsExactly(
            new MarketData.Balance("USDC", new BigDecimal("7999.6"), new BigDecimal("0.25")));
  }

  @Test
  void anotherKeyCannotOpenIt() {
    String box = sealedTo(alice, owner(alice), snapshot(alice));
    assertThatThrownBy(() -> TradingClient.openBalances(bob, box))
        .isInstanceOf(SealedResultException.class)
        .satisfies(e -> assertThat(((SealedResultException) e).wrongRecipient()).isTrue());
  }

  @Test
  void aSnapshotOfAnotherAccountOrForAnotherOwnerIsRefused() {
    // Sealed to Alice's view key but naming Bob: not Alice's balances.
    assertThatThrownBy(
            () -> TradingClient.openBalances(alice, sealedTo(alice, owner(alice), snapshot(bob))))
        .isInstanceOf(SealedResultException.class)
        .hasMessageContaining("another account's");
    // Bound to Bob's address as associated data: does not authenticate for Alice.
    assertThatThrownBy(
            () -> TradingClient.openBalances(alice, sealedTo(alice, owner(bob), snapshot(alice))))
        .isInstanceOf(SealedResultException.class);
    assertThatThrownBy(() -> TradingClient.openBalances(alice, "zz"))
        .isInstanceOf(SealedResultException.class);
  }
}
