package io.txnchain.acceptance.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.acceptance.LocalCluster;
import io.txnchain.client.sdk.UserKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Pixie Console in real headless Chromium against a three-node network started by the test: every
 * view loads and shows live data, receipts verify in the page and a tampered one does not, work
 * orders run sealed, and two browser sessions trade with each other. Skipped, with a message that
 * says so, when chromium or chromedriver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dir;
  private LocalCluster cluster;
  private Browser alice;
  private String base;

  @BeforeAll
  void start() throws Exception {
    if (Browser.missing().isPresent()) {
      System.err.println(Browser.missing().get());
      return;
    }
    dir = Files.createTempDirectory("console-it");
    Files.createDirectories(dir.resolve("cluster"));
    cluster = LocalCluster.start(dir.resolve("cluster"), 3);
    base = cluster.url(0).toString();
    alice = Browser.open(dir.resolve("profile-alice"));
    alice.get(base + "/#network");
    alice.script("localStorage.setItem('pixie.allowSimulated','true')");
    alice.driver().navigate().refresh();
    assertThat(alice.await("#allow-sim", 30).isSelected()).isTrue();
  }

  @BeforeEach
  void requireBrowser() {
    assumeTrue(Browser.missing().isEmpty(), () -> Browser.missing().orElse(""));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (alice != null) {
        alice.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  @Order(1)
  void browserCryptoReproducesTheDocumentedVectors() {
    alice.get(base + "/#network");
    Object out =
        alice.asyncScript(
            """
            const done = arguments[arguments.length - 1];
            (async () => {
              const o = await import('/js/wire/order.js');
              const s = await import('/js/crypto/secp256k1.js');
              const b = await import('/js/crypto/bytes.js');
              const hp = await import('/js/crypto/hpke.js');
              const key = b.fromHex('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
              const domain = {name: 'Pixie DEX', version: '1', chainId: 31337,
                verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC'};
              const z = '0x0000000000000000000000000000000000000000';
              const v1 = {trader: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23', market: 'ETH-USDC',
                side: 0, orderType: 0, price: '2000500000', quantity: '125000000', timeInForce: 0,
                postOnly: false, selfTradePrevention: 0, payAddress: z, receiveAddress: z,
                nonce: '1', expiry: '1900000000000', clientOrderId: 'alice-1'};
              const v3 = {trader: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23', market: 'ETH-USDC',
                side: 1, orderType: 0, price: '2100000000', quantity: '10000', timeInForce: 0,
                postOnly: true, selfTradePrevention: 1,
                payAddress: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23',
                receiveAddress: '0x2222222222222222222222222222222222222222',
                nonce: '9223372036854775807', expiry: '1700000000000', clientOrderId: 'ордер-3'};
              const kp = await hp.deriveKeyPair(
                b.fromHex('7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234'));
              const box = await hp.seal(kp.publicKey, b.utf8('info'), b.utf8('aad'), b.utf8('secret'));
              return {
                address: s.addressOf(s.publicKeyCompressed(key)),
                domainSeparator: b.toHex(o.domainSeparator(domain)),
                digest1: b.toHex(o.orderDigest(domain, v1)),
                signature1: b.toHex(await s.sign(o.orderDigest(domain, v1), key)),
                digest3: b.toHex(o.orderDigest(domain, v3)),
                signature3: b.toHex(await s.sign(o.orderDigest(domain, v3), key)),
                recovered: s.addressOf(s.recoverCompressed(o.orderDigest(domain, v1),
                  await s.sign(o.orderDigest(domain, v1), key))),
                hpkeDerivedPublic: b.toHex(kp.publicKey),
                opened: new TextDecoder().decode(await hp.open(kp, b.utf8('info'), b.utf8('aad'), box)),
              };
            })().then((r) => done(JSON.stringify(r)), (e) => done('ERROR ' + e));
            """);
    JsonNode r = parse(out);
    // Values from docs/dex-orders.md ("Test vectors") and RFC 9180 A.1.1 (pkEm).
    assertThat(r.path("address").asText()).isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    assertThat(r.path("domainSeparator").asText())
        .isEqualTo("228d430007ebd0c0b3f60822f6f434a2f0a568b88e069abb89e856d7f5647138");
    assertThat(r.path("digest1").asText())
        .isEqualTo("2a9000313fb7dd673dccc3a2d552d107e315189739e4758e6ee1dd797e62dcd5");
    assertThat(r.path("signature1").asText())
        .isEqualTo(
            "15f5df5e526703536617c3f0025460acbe63177295c690669a5b6c78f06cdd82"
                + "0197b7d27cdf724d6e622742df2b9cd87853ed3ce343266350c1f160550c211c1c");
    assertThat(r.path("digest3").asText())
        .isEqualTo("cbe0ae39f90f6c8248abec28fa406bca64c729d0c3ac800ba66214ae1057739c");
    assertThat(r.path("signature3").asText())
        .isEqualTo(
            "b66892e4bd0bec97491dc49d80d60e3a8366a1a145ebe20545629bf039d9f31b"
                + "1b2b9caf67c8f098b1fbbeaa282024f3745501ff0b7c3360ab548f95b7dbaf561b");
    assertThat(r.path("recovered").asText())
        .isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    assertThat(r.path("hpkeDerivedPublic").asText())
        .isEqualTo("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431");
    assertThat(r.path("opened").asText()).isEqualTo("secret");
  }

  @Test
  @Order(2)
  void networkViewShowsEveryNodeInAgreementWithTheLeaderMarked() throws Exception {
    alice.get(base + "/#network");
    alice.await("#node-table", 30);
    // The peers this node lists appear without being added by hand.
    alice.awaitText("#agreement", "All 3 nodes agree", 60);
    for (int i = 1; i < cluster.size(); i++) {
      alice.await("#node-table tr[data-node='node-" + i + "']", 30);
    }
    // A node it does not list can be added by URL (here one where nothing answers) and removed.
    String stranger = "http://127.0.0.1:9";
    WebElement url = alice.find("#node-url");
    url.clear();
    url.sendKeys(stranger);
    alice.find("#add-node").click();
    alice.awaitText("#node-table tr[data-node='" + stranger + "']", "UNREACHABLE", 30);
    alice.awaitText("#agreement", "1 unreachable", 30);
    alice.click("#node-table tr[data-node='" + stranger + "'] button");
    alice.awaitText("#agreement", "All 3 nodes agree", 30);
    int leader = cluster.leader(0);
    alice.awaitText("#node-table tr[data-node='node-" + leader + "']", "LEADER", 30);
    // Read in one script: the table is re-rendered every two seconds.
    assertThat(
            alice.script(
                "return [...document.querySelectorAll('#node-table tbody tr')]"
                    + ".filter(r => r.textContent.includes('LEADER')).length"))
        .isEqualTo(1L);
    assertThat(alice.textOf("#node-table")).contains("SIMULATED");
    // Load is a rate between two refreshes of /metrics, so it appears from the second one on.
    alice.awaitText("#node-table tr[data-node='node-0'] .load", "tx/s", 30);
    alice.screenshot("network");
  }

  @Test
  @Order(3)
  void attestationViewDecodesSimEvidenceAndAppliesThePolicy() throws Exception {
    alice.get(base + "/#attestation");
    alice.awaitText(".evidence[data-node='node-0'] .verdict", "Verified", 30);
    assertThat(alice.textOf(".evidence[data-node='node-0']"))
        .contains("SIMULATED", "Measurement", "Binds encryption key");
    // Every node this node lists as a peer: all three run the same code.
    assertThat(alice.driver().findElements(By.cssSelector(".evidence"))).hasSize(3);
    assertThat(alice.textOf("#measurements")).contains("SAME CODE");
    alice.screenshot("attestation");

    alice.find("#allow-sim").click();
    try {
      alice.awaitText(".evidence[data-node='node-0'] .verdict", "Not accepted", 30);
      assertThat(alice.textOf(".evidence[data-node='node-0'] .verdict"))
          .contains("SIMULATED and simulated evidence is not allowed");
    } finally {
      alice.find("#allow-sim").click();
    }
  }

  @Test
  @Order(4)
  void sealedAnalyticsWorkOrdersRunAndShowWhereTheyRan() throws Exception {
    alice.get(base + "/#apps");
    alice.awaitText("#app-table", "analytics", 30);
    runWorkOrder("analytics", "{\"op\":\"create\",\"dataset\":\"pay\",\"k\":2}", false);
    alice.awaitText("#wo-output", "\"creator\"", 60);
    for (String values : List.of("[52000,61000]", "[70000]")) {
      runWorkOrder(
          "analytics",
          "{\"op\":\"contribute\",\"dataset\":\"pay\",\"values\":" + values + "}",
          true);
      alice.awaitText("#wo-output", "\"accepted\"", 60);
    }
    runWorkOrder("analytics", "{\"op\":\"aggregate\",\"dataset\":\"pay\"}", false);
    alice.awaitText("#wo-output", "\"sum\": \"183000\"", 60);
    assertThat(alice.textOf("#wo-node")).matches("node-\\d");
    alice.screenshot("enclave-apps");
  }

  @Test
  @Order(5)
  void explorerVerifiesAReceiptInThePageAndRefusesATamperedOne() throws Exception {
    alice.get(base + "/#explorer");
    alice.await("#blocks a", 30).click();
    alice.await("#block-txs a", 30).click();
    alice.await("#verify", 30);
    assertThat(verify()).isEqualTo("true");
    assertThat(alice.textOf("#verify-result")).contains("Merkle inclusion proof", "SIMULATED");
    alice.screenshot("explorer-receipt");

    // One changed hex digit near the end of the entry: it no longer decodes to the receipt's view.
    alice.script(
        "const t = document.getElementById('receipt-json'); const r = JSON.parse(t.value);"
            + " const e = r.entry; const i = e.length - 3;"
            + " r.entry = e.slice(0, i) + (e[i] === '0' ? '1' : '0') + e.slice(i + 1);"
            + " t.value = JSON.stringify(r, null, 2);");
    assertThat(verify()).isEqualTo("false");
    assertThat(alice.textOf("#verify-result")).contains("INVALID", "entry");

    // A different transaction root in the header: the inclusion proof no longer leads to it.
    alice.find("button.secondary").click();
    alice.script(
        "const t = document.getElementById('receipt-json'); const r = JSON.parse(t.value);"
            + " const x = r.header.txRoot; r.header.txRoot = (x[0] === '0' ? '1' : '0') + x.slice(1); t.value = JSON.stringify(r);");
    assertThat(verify()).isEqualTo("false");
    assertThat(alice.textOf("#verify-result")).contains("INVALID", "inclusion proof");

    // An edited signed header: the enclave signature no longer verifies.
    alice.find("button.secondary").click();
    alice.script(
        "const t = document.getElementById('receipt-json'); const r = JSON.parse(t.value);"
            + " r.header.timeMillis = r.header.timeMillis + 1; t.value = JSON.stringify(r, null, 2);");
    assertThat(verify()).isEqualTo("false");
    assertThat(alice.textOf("#verify-result")).contains("signature", "does not verify");
    alice.screenshot("explorer-tampered");

    // Without the development policy the same receipt is refused for its simulated evidence.
    alice.find("button.secondary").click();
    alice.find("#allow-sim").click();
    try {
      alice.await("#verify", 30);
      assertThat(verify()).isEqualTo("false");
      assertThat(alice.textOf("#verify-result")).contains("SIMULATED");
    } finally {
      alice.find("#allow-sim").click();
    }
  }

  @Test
  @Order(6)
  void explorerSearchFindsBlocksAndAccounts() throws Exception {
    alice.get(base + "/#explorer");
    search("1");
    alice.awaitText("#explorer-body h2", "Block 1", 30);
    String sender = alice.await("#block-txs td:nth-child(4) a", 30).getText();
    assertThat(sender).startsWith("0x");
    alice.find("#block-txs td:nth-child(4) a").click();
    alice.await("#account-txs", 60);
    assertThat(alice.textOf("#explorer-body")).containsPattern("\\(([1-9]\\d*) found\\)");
  }

  @Test
  @Order(7)
  void twoTradersCrossAnOrderSeeTheTradeAndVerifyItsReceiptThenCancel() throws Exception {
    alice.get(base + "/#trade");
    String aliceAddress = createKeyAndFund(alice, "USDC", "10000");
    placeOrder(alice, "0", "2000", "1");
    alice.awaitText("#book", "2000", 60);
    alice.awaitText("#open-table", "2000", 60);
    alice.screenshot("trade-order-open");

    try (Browser bob = Browser.open(dir.resolve("profile-bob"))) {
      bob.get(base + "/#trade");
      bob.script("localStorage.setItem('pixie.allowSimulated','true')");
      bob.driver().navigate().refresh();
      String bobAddress = createKeyAndFund(bob, "ETH", "5");
      assertThat(bobAddress).isNotEqualTo(aliceAddress);
      placeOrder(bob, "1", "2000", "1");
      bob.awaitText("#trades-table", "2000", 60);
      // Bob took Alice's order: 2000 USDC less the 5 bps taker fee (1 USDC).
      bob.awaitExact("#balances-table tr[data-token='USDC'] .available", "1999", 60);
      bob.screenshot("trade-crossed");
    }

    // Alice's view catches up by itself: the trade, her ETH, and no open order left.
    alice.awaitText("#trades-table", "2000", 60);
    // Alice made it: 1 ETH in, 2000 USDC and the 2 bps maker fee (0.4 USDC) out.
    alice.awaitExact("#balances-table tr[data-token='ETH'] .available", "1", 60);
    alice.awaitExact("#balances-table tr[data-token='USDC'] .available", "7999.6", 60);
    // Those balances came from the store, sealed to Alice's view key and opened in the page.
    alice.awaitText("#balances-source", "Sealed to your view key", 30);
    alice.await("#no-open", 60);
    alice.awaitText("#history-table", "filled", 60);

    // The trade's receipt verifies in the explorer.
    alice.click("#trades-table a.trade-link");
    alice.await("#verify", 60);
    assertThat(verify()).isEqualTo("true");
    assertThat(alice.textOf("#tx-view")).contains("\"type\": \"trade\"");

    // Place and cancel.
    alice.get(base + "/#trade");
    placeOrder(alice, "0", "1990", "0.5");
    alice.awaitText("#open-table", "1990", 60).findElement(By.cssSelector("button.cancel")).click();
    alice.await("#no-open", 60);
    alice.awaitText("#history-table", "cancelled", 60);
  }

  @Test
  @Order(8)
  void membersProposeAndVoteWithKeysLoadedInThePage() throws Exception {
    Path first = cluster.data().resolve("member.key");
    String second = UserKey.create(dir.resolve("second.key")).address().toChecksumHex();
    String third = UserKey.create(dir.resolve("third.key")).address().toChecksumHex();
    alice.get(base + "/#governance");
    alice.await("#member-file", 30).sendKeys(first.toAbsolutePath().toString());
    alice.await("#member-address", 30);

    // One member: the proposer's own approval is a majority.
    propose("add_member", second);
    alice.awaitText("#proposals", second, 60);
    alice.awaitText("#members", second, 60);
    assertThat(alice.textOf("#proposals tbody tr:first-child .status")).isEqualTo("accepted");

    // Two members: the second must approve.
    propose("add_member", third);
    alice.awaitText("#proposals tbody tr:first-child", third, 60);
    assertThat(alice.textOf("#proposals tbody tr:first-child .status")).isEqualTo("open");
    alice.find("#member-file").sendKeys(dir.resolve("second.key").toAbsolutePath().toString());
    alice.awaitText("#member-address", second, 30);
    alice.await("#proposals tbody tr:first-child button.approve", 30).click();
    alice.awaitExact("#proposals tbody tr:first-child .status", "accepted", 60);
    assertThat(alice.textOf("#proposals tbody tr:first-child .ballots").split("\n"))
        .hasSize(2)
        .allMatch(line -> line.startsWith("✔"));
    alice.awaitText("#members", third, 30);
    alice.screenshot("governance");
    // The member keys were only in the page: nothing of them is stored.
    String secret = JSON.readTree(first.toFile()).path("privateKey").asText();
    assertThat(secret).matches("[0-9a-f]{64}");
    assertThat(alice.script("return JSON.stringify(localStorage)").toString())
        .doesNotContain(secret);
  }

  @Test
  @Order(9)
  void deployViewGeneratesManifestsAndTheJoinCommand() throws Exception {
    alice.get(base + "/#deploy");
    WebElement nodes = alice.await("#deploy-nodes", 30);
    nodes.clear();
    nodes.sendKeys("5");
    WebElement name = alice.find("#deploy-name");
    name.clear();
    name.sendKeys("pixie");
    alice.find("#generate").click();
    alice.awaitText("#manifest", "replicas: 5", 30);
    assertThat(alice.textOf("#manifest"))
        .contains(
            "kind: ConfigMap",
            "kind: StatefulSet",
            "kind: Service",
            "clusterIP: None",
            "path: /readyz",
            "cluster.members=pixie-0=pixie-0.pixie-peers.default.svc.cluster.local:9080,",
            "pixie-4=pixie-4.pixie-peers.default.svc.cluster.local:9080");
    assertThat(alice.textOf("#join-command"))
        .contains("./txnchain node --config pixie-5.properties");
    assertThat(alice.textOf("#join-properties"))
        .contains("node.id=pixie-5", "cluster.join-url=http://pixie-0.pixie-peers");
    alice.screenshot("deploy");

    name.clear();
    name.sendKeys("Not A Name");
    alice.find("#generate").click();
    alice.awaitText("#deploy-output [role=alert]", "Network name", 30);
  }

  @Test
  @Order(10)
  void everyControlIsLabelledKeyboardReachableAndFitsANarrowWindow() throws Exception {
    for (String view :
        List.of("network", "attestation", "explorer", "apps", "trade", "governance", "deploy")) {
      alice.get(base + "/#" + view);
      alice.await("main[data-view='" + view + "'][data-ready]", 60);
      Object unlabelled =
          alice.script(
              "return [...document.querySelectorAll('input, select, textarea')]"
                  + ".filter(e => e.type !== 'hidden' && e.labels.length === 0"
                  + " && !e.getAttribute('aria-label')).map(e => e.id || e.outerHTML)");
      assertThat((List<?>) unlabelled).as(view + ": controls without a label").isEmpty();
    }

    alice.get(base + "/#trade");
    alice.await("#place", 60);
    alice.script("document.activeElement.blur()");
    String reached = "";
    for (int i = 0; i < 80 && !reached.equals("place"); i++) {
      alice.driver().switchTo().activeElement().sendKeys(Keys.TAB);
      reached = String.valueOf(alice.script("return document.activeElement.id"));
    }
    assertThat(reached).as("the order button is reachable with Tab").isEqualTo("place");

    Dimension before = alice.driver().manage().window().getSize();
    try {
      alice.driver().manage().window().setSize(new Dimension(480, 900));
      for (String view :
          List.of("network", "attestation", "explorer", "apps", "governance", "deploy", "trade")) {
        alice.get(base + "/#" + view);
        alice.await("main[data-view='" + view + "'][data-ready]", 60);
        assertThat(
                (Boolean)
                    alice.script(
                        "return document.documentElement.scrollWidth <= window.innerWidth + 1"))
            .as(
                () ->
                    view
                        + ": no horizontal scrolling at 480 px; wider: "
                        + alice.script(
                            "return [...document.querySelectorAll('body *')]"
                                + ".filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
                                + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className)"))
            .isTrue();
      }
      alice.screenshot("trade-narrow");
    } finally {
      alice.driver().manage().window().setSize(before);
    }
  }

  private void propose(String type, String address) {
    new Select(alice.await("#action-type", 30)).selectByValue(type);
    WebElement field = alice.await("#field-address", 30);
    field.clear();
    field.sendKeys(address);
    alice.find("#propose").click();
  }

  /**
   * An EIP-1193 provider scripted into the page, standing in for a browser wallet: it holds the
   * documented test key and answers eth_requestAccounts, personal_sign and eth_signTypedData_v4 the
   * way wallets do (signing with the console's own secp256k1 module). What is tested is the
   * console's wallet path: the public key recovered from the login signature, transactions signed
   * with personal_sign, orders with typed data, API reads signed per request, all accepted by the
   * node and the enclave.
   */
  private static final String SCRIPTED_WALLET =
      """
      (() => {
        const KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
        const lib = async () => ({
          s: await import('/js/crypto/secp256k1.js'),
          b: await import('/js/crypto/bytes.js'),
          k: await import('/js/crypto/keccak.js'),
          o: await import('/js/wire/order.js'),
        });
        window.ethereum = {
          calls: [],
          async request({ method, params }) {
            this.calls.push(method);
            const { s, b, k, o } = await lib();
            const key = b.fromHex(KEY);
            const address = s.addressOf(s.publicKeyCompressed(key));
            if (method === 'eth_requestAccounts') return [address];
            if (method === 'personal_sign') {
              const msg = b.fromHex(params[0]);
              const digest = k.keccak256(b.utf8('\\x19Ethereum Signed Message:\\n' + msg.length), msg);
              return '0x' + b.toHex(await s.sign(digest, key));
            }
            if (method === 'eth_signTypedData_v4') {
              const data = JSON.parse(params[1]);
              return '0x' + b.toHex(await s.sign(o.orderDigest(data.domain, data.message), key));
            }
            throw new Error('unsupported ' + method);
          },
        };
      })();
      """;

  @Test
  @Order(11)
  void aWalletConnectsThroughEip1193AndTrades() throws Exception {
    try (Browser carol = Browser.open(dir.resolve("profile-carol"))) {
      carol.beforeEveryPage(SCRIPTED_WALLET);
      carol.get(base + "/#trade");
      carol.script("localStorage.setItem('pixie.allowSimulated','true')");
      carol.driver().navigate().refresh();
      carol.await("#connect-wallet", 60).click();
      carol.awaitExact("#address", "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", 60);
      assertThat(carol.textOf("#key-box")).contains("WALLET").doesNotContain("DEVELOPMENT KEY");

      new Select(carol.await("#faucet-token", 60)).selectByValue("USDC");
      WebElement amount = carol.find("#faucet-amount");
      amount.clear();
      amount.sendKeys("100");
      carol.find("#faucet").click();
      carol.awaitExact("#balances-table tr[data-token='USDC'] .available", "100", 60);

      placeOrder(carol, "0", "1900", "0.01");
      carol.awaitText("#open-table", "1900", 60);
      carol.awaitExact("#balances-table tr[data-token='USDC'] .locked", "19.0095", 60);
      // A wallet's view key comes from its login signature: the store serves its balances too.
      carol.awaitText("#balances-source", "Sealed to your view key", 30);
      assertThat(carol.script("return window.ethereum.calls.join(',')").toString())
          .contains("eth_requestAccounts", "personal_sign", "eth_signTypedData_v4");
      carol
          .awaitText("#open-table", "1900", 60)
          .findElement(By.cssSelector("button.cancel"))
          .click();
      carol.await("#no-open", 60);
    }
  }

  @Test
  @Order(12)
  void afterAllThatTheNodesStillAgree() throws Exception {
    alice.get(base + "/#network");
    alice.awaitText("#agreement", "All 3 nodes agree", 90);
    long height =
        Long.parseLong(
            alice
                .script(
                    "return document.querySelector(\"#node-table tr[data-node='node-0'] .height\")"
                        + ".textContent")
                .toString());
    assertThat(height).isPositive();
    assertThat(alice.textOf("#agreement")).contains("at height ");
    alice.screenshot("network");
  }

  /** Creates the development key, uses the faucet, waits for the balance; returns the address. */
  private static String createKeyAndFund(Browser b, String token, String amount) {
    b.await("#create-key", 60).click();
    String address = b.await("#address", 30).getText();
    assertThat(address).matches("0x[0-9a-fA-F]{40}");
    assertThat(b.textOf("#key-box")).contains("DEVELOPMENT KEY");
    new Select(b.await("#faucet-token", 60)).selectByValue(token);
    WebElement amountBox = b.find("#faucet-amount");
    amountBox.clear();
    amountBox.sendKeys(amount);
    b.find("#faucet").click();
    b.awaitExact("#balances-table tr[data-token='" + token + "'] .available", amount, 60);
    return address;
  }

  /** Fills the order form, checks the confirmation dialog, signs and submits. */
  private static void placeOrder(Browser b, String side, String price, String qty) {
    new Select(b.await("#side", 60)).selectByValue(side);
    new Select(b.find("#type")).selectByValue("0");
    new Select(b.find("#tif")).selectByValue("0");
    WebElement p = b.find("#price");
    p.clear();
    p.sendKeys(price);
    WebElement q = b.find("#qty");
    q.clear();
    q.sendKeys(qty);
    b.find("#place").click();
    WebElement message = b.await("#confirm[open] #confirm-message", 30);
    assertThat(message.getText())
        .contains(
            "\"primaryType\": \"Order\"", "\"market\": \"ETH-USDC\"", "\"name\": \"Pixie DEX\"");
    assertThat(b.textOf("#confirm-fee")).contains("bps", "USDC");
    b.find("#confirm-sign").click();
    new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), java.time.Duration.ofSeconds(60))
        .until(d -> d.findElements(By.cssSelector("#confirm[open]")).isEmpty());
  }

  /** Clicks "Verify in this page" and returns the verdict, "true" or "false". */
  private String verify() {
    alice.script(
        "const o = document.getElementById('verify-result');"
            + " o.removeAttribute('data-valid'); o.replaceChildren();");
    alice.find("#verify").click();
    return alice.await("#verify-result[data-valid]", 30).getAttribute("data-valid");
  }

  private void search(String text) {
    WebElement q = alice.await("#search", 30);
    q.clear();
    q.sendKeys(text);
    alice.find("form[role=search] button").click();
  }

  private void runWorkOrder(String app, String input, boolean seal) {
    new Select(alice.find("#wo-app")).selectByValue(app);
    new Select(alice.find("#wo-signer")).selectByValue("fresh");
    WebElement in = alice.find("#wo-input");
    in.clear();
    in.sendKeys(input);
    WebElement box = alice.find("#wo-seal");
    if (box.isSelected() != seal) {
      box.click();
    }
    alice.script("document.getElementById('wo-result').replaceChildren()");
    alice.find("#wo-submit").click();
    alice.await("#wo-result[data-status]", 60);
    assertThat(alice.find("#wo-result").getAttribute("data-status"))
        .as(alice.textOf("#wo-result"))
        .isEqualTo("ok");
  }

  static JsonNode parse(Object scriptResult) {
    String s = String.valueOf(scriptResult);
    assertThat(s).doesNotStartWith("ERROR");
    try {
      return JSON.readTree(s);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }
}
