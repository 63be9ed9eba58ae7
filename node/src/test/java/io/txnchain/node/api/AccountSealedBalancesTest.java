package io.txnchain.node.api;

import static io.txnchain.node.api.ApiFixture.JSON;
import static io.txnchain.node.api.ApiFixture.key;
import static io.txnchain.node.api.ApiFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.wire.tx.Transaction;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/account} serves the owner the latest balances snapshot the DEX sealed to the
 * owner's view key, through the real ledger and store: the node returns ciphertext only the owner
 * opens, and nothing for an account without a view key.
 */
class AccountSealedBalancesTest {
  private static final byte[] INFO = "txnchain/dex/balances/v1".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void theOwnerGetsTheSnapshotSealedToItsViewKey() throws Exception {
    Secp256k1KeyPair alice = key(11);
    Secp256k1KeyPair bob = key(12);
    X25519KeyPair view = X25519KeyPair.derive(Hashes.sha256("alice's view key".getBytes()));
    try (ApiFixture api = new ApiFixture(dir.resolve("n"), "embedded")) {
      api.deposit(alice, "USDC", "1000");
      api.awaitProjection();
      JsonNode before = account(api, alice);
      assertThat(before.path("sealedBalances").isNull()).isTrue();
      assertThat(before.path("balancesNote").asText()).contains("setViewKey");

      Transaction register =
          api.work(
              alice,
              "dex",
              "{\"op\":\"setViewKey\",\"key\":\"" + Hex.toHexString(view.publicKey()) + "\"}");
      api.process(register);
      Transaction eth =
          api.work(alice, "dex", "{\"op\":\"deposit\",\"token\":\"ETH\",\"amount\":\"2\"}");
      api.process(eth);
      api.awaitProjection();

      JsonNode account = account(api, alice);
      assertThat(account.path("balances").isNull()).isTrue();
      JsonNode sealed = account.path("sealedBalances");
      assertThat(sealed.path("height").asLong()).isPositive();
      assertThat(sealed.path("timeMillis").asLong()).isPositive();
      // The latest snapshot: the deposit's, not the registration's.
      assertThat(sealed.path("txId").asText()).isEqualTo(eth.id());
      byte[] box = HexFormat.of().parseHex(sealed.path("box").asText());
      JsonNode opened =
          JSON.readTree(
              SealedBox.open(view, INFO, owner(alice).getBytes(StandardCharsets.US_ASCII), box));
      assertThat(opened.path("height").asLong()).isEqualTo(sealed.path("height").asLong());
      assertThat(opened.path("txId").asText()).isEqualTo(sealed.path("txId").asText());
      assertThat(opened.path("balances").toString())
          .contains("{\"token\":\"USDC\",\"available\":\"1000\",\"locked\":\"0\"}")
          .contains("{\"token\":\"ETH\",\"available\":\"2\",\"locked\":\"0\"}");

      // Another account sees its own (absent) snapshot, never Alice's.
      api.deposit(bob, "USDC", "5");
      api.awaitProjection();
      assertThat(account(api, bob).path("sealedBalances").isNull()).isTrue();
      assertThat(api.get("/api/v1/account").statusCode()).isEqualTo(401);
    }
  }

  private static JsonNode account(ApiFixture api, Secp256k1KeyPair who) throws Exception {
    HttpResponse<String> r = api.privateGet(who, "/api/v1/account", "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
