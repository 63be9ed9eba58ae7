package io.txnchain.dex.app;

import static io.txnchain.dex.app.DexFixture.ALICE;
import static io.txnchain.dex.app.DexFixture.BOB;
import static io.txnchain.dex.app.DexFixture.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.wire.dex.Side;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** Balances sealed to an owner's view key (ADR 26): only the owner opens them; all else public. */
class BalanceSnapshotsTest {
  private final DexFixture dex = new DexFixture();
  private final X25519KeyPair aliceView = X25519KeyPair.generate(new SecureRandom());
  private final X25519KeyPair bobView = X25519KeyPair.generate(new SecureRandom());

  private TestLedger.Result register(Secp256k1KeyPair who, X25519KeyPair view) {
    return dex.runUnsealedOk(
        who, "{\"op\":\"setViewKey\",\"key\":\"" + Hex.toHexString(view.publicKey()) + "\"}");
  }

  /** The snapshots of the transaction's balances event, in order, as {owner, box}. */
  private static List<JsonNode> snapshots(TestLedger.Result r) {
    List<JsonNode> out = new ArrayList<>();
    r.events().stream()
        .filter(e -> e.type().equals(BalanceSnapshots.EVENT))
        .forEach(e -> e.data().path("snapshots").forEach(out::add));
    return out;
  }

  private static JsonNode open(X25519KeyPair view, JsonNode snapshot) throws SealedBoxException {
    byte[] plain =
        SealedBox.open(
            view,
            BalanceSnapshots.INFO,
            snapshot.path("owner").asText().getBytes(StandardCharsets.US_ASCII),
            Hex.decode(snapshot.path("box").asText()));
    return TestLedger.parse(plain);
  }

  private static String owner(Secp256k1KeyPair who) {
    return "0x" + Hex.toHexString(who.address().bytes20());
  }

  @Test
  void registeringSealsAFirstSnapshotThatOnlyTheOwnerOpens() throws Exception {
    dex.deposit(ALICE, "USDC", "1000");
    TestLedger.Result r = register(ALICE, aliceView);

    assertThat(r.output().path("viewKey").asText())
        .isEqualTo(Hex.toHexString(aliceView.publicKey()));
    List<JsonNode> s = snapshots(r);
    assertThat(s).hasSize(1);
    assertThat(s.get(0).path("owner").asText()).isEqualTo(owner(ALICE));
    JsonNode plain = open(aliceView, s.get(0));
    assertThat(plain.path("height").asLong()).isEqualTo(dex.ledger.height);
    assertThat(plain.path("txId").asText()).isEqualTo(r.txId());
    assertThat(plain.path("balances").toString())
        .isEqualTo(dex.ok(ALICE, "{\"op\":\"balances\"}").output().path("balances").toString());
    assertThat(plain.path("balances").toString()).contains("\"USDC\"", "\"1000\"");
    // The public event names the owner, never an amount.
    assertThat(r.events().toString()).doesNotContain("1000");
    assertThatThrownBy(() -> open(bobView, s.get(0))).isInstanceOf(SealedBoxException.class);
  }

  @Test
  void aTradeSealsFreshBalancesForBothSidesThatHaveAViewKey() throws Exception {
    dex.deposit(ALICE, "USDC", "10000");
    dex.deposit(BOB, "ETH", "2");
    dex.deposit(CAROL, "ETH", "2");
    register(ALICE, aliceView);
    register(BOB, bobView);
    dex.place(dex.limit(BOB, Side.SELL, "2000", "1"));
    dex.place(dex.limit(CAROL, Side.SELL, "2001", "1"));

    // Alice's buy takes from Bob and Carol; Carol has no view key, so she gets no snapshot.
    TestLedger.Result take = dex.place(dex.limit(ALICE, Side.BUY, "2001", "2"));

    List<JsonNode> s = snapshots(take);
    assertThat(s)
        .extracting(n -> n.path("owner").asText())
        .containsExactly(owner(ALICE), owner(BOB));
    assertThat(take.events()).filteredOn(e -> e.type().equals(BalanceSnapshots.EVENT)).hasSize(1);
    JsonNode alice = open(aliceView, s.get(0));
    JsonNode bob = open(bobView, s.get(1));
    assertThat(alice.path("balances").toString())
        .isEqualTo(dex.ok(ALICE, "{\"op\":\"balances\"}").output().path("balances").toString());
    assertThat(bob.path("balances").toString())
        .isEqualTo(dex.ok(BOB, "{\"op\":\"balances\"}").output().path("balances").toString());
    assertThat(alice.path("txId").asText()).isEqualTo(take.txId());
  }

  @Test
  void withoutAViewKeyNothingIsSealed() {
    dex.deposit(ALICE, "USDC", "10");
    TestLedger.Result r = dex.deposit(ALICE, "USDC", "10");
    assertThat(snapshots(r)).isEmpty();
  }

  @Test
  void aMalformedOrLowOrderKeyIsRefusedAndChangesNothing() {
    dex.refused(ALICE, false, "{\"op\":\"setViewKey\",\"key\":\"abcd\"}", Codes.INVALID_FIELD);
    dex.refused(
        ALICE,
        false,
        "{\"op\":\"setViewKey\",\"key\":\"" + "zz".repeat(32) + "\"}",
        Codes.INVALID_FIELD);
    dex.refused(
        ALICE,
        false,
        "{\"op\":\"setViewKey\",\"key\":\"" + "00".repeat(32) + "\"}",
        Codes.INVALID_FIELD);
    dex.refused(
        ALICE,
        false,
        "{\"op\":\"setViewKey\",\"key\":\"" + "11".repeat(32) + "\",\"extra\":1}",
        Codes.INVALID_FIELD);
  }
}
