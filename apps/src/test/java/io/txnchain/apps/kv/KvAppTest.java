package io.txnchain.apps.kv;

import static io.txnchain.apps.fixture.TestLedger.j;
import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.apps.fixture.MemoryState;
import io.txnchain.apps.fixture.TestLedger;
import io.txnchain.apps.fixture.TestLedger.Event;
import io.txnchain.tee.app.AppRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KvAppTest {
  static final String ALICE = "0x8ba1f109551bD432803012645Ac136ddd64DBA72";
  static final String BOB = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
  static final String SECRET = "s3cr3t-value-7781";

  private final TestLedger ledger = new TestLedger(new KvApp());

  private static boolean contains(MemoryState state, String text) {
    return state.entries().stream()
        .anyMatch(e -> new String(e.getValue(), StandardCharsets.UTF_8).contains(text));
  }

  @Test
  void nameIsKv() {
    assertThat(new KvApp().name()).isEqualTo("kv");
  }

  @Test
  void putThenGetReturnsValueOwnerAndVersion() {
    assertThat(ledger.run(ALICE, false, j("{'op':'put','key':'k','value':{'a':[1,2]}}")).text())
        .isEqualTo(j("{'key':'k','owner':'" + ALICE + "','version':1,'private':false}"));
    assertThat(ledger.run(BOB, false, j("{'op':'get','key':'k'}")).text())
        .isEqualTo(
            j(
                "{'key':'k','value':{'a':[1,2]},'owner':'"
                    + ALICE
                    + "','version':1,'private':false}"));
  }

  @Test
  void eachPutByTheOwnerBumpsTheVersion() {
    for (int i = 1; i <= 5; i++) {
      assertThat(
              ledger
                  .ok(ALICE, j("{'op':'put','key':'k','value':" + i + "}"))
                  .get("version")
                  .asLong())
          .isEqualTo(i);
    }
    assertThat(ledger.ok(BOB, j("{'op':'get','key':'k'}")).get("value").asInt()).isEqualTo(5);
  }

  @Test
  void anotherCallerCannotOverwrite() {
    ledger.ok(ALICE, j("{'op':'put','key':'k','value':1}"));
    ledger.rejects("not_owner", BOB, false, j("{'op':'put','key':'k','value':2}"));
    ledger.rejects("not_owner", BOB, true, j("{'op':'put','key':'k','value':2}"));
  }

  @Test
  void ownershipIgnoresTheCaseOfTheAddress() {
    ledger.ok(ALICE, j("{'op':'put','key':'k','value':1}"));
    assertThat(
            ledger
                .ok(ALICE.toLowerCase(), j("{'op':'put','key':'k','value':2}"))
                .get("owner")
                .asText())
        .isEqualTo(ALICE);
  }

  @Test
  void putEmitsKeyOwnerAndPrivacy() {
    ledger.ok(ALICE, j("{'op':'put','key':'k','value':1}"));
    assertThat(ledger.events()).extracting(Event::type).containsExactly("put");
    assertThat(ledger.events().get(0).text())
        .isEqualTo(j("{'key':'k','owner':'" + ALICE + "','private':false}"));
  }

  @Test
  void aSealedPutKeepsTheValueOutOfEverythingPublic() {
    String out =
        ledger.okSealed(ALICE, j("{'op':'put','key':'k','value':'" + SECRET + "'}")).toString();
    assertThat(out).isEqualTo(j("{'key':'k','owner':'" + ALICE + "','version':1,'private':true}"));
    assertThat(contains(ledger.privateState(), SECRET)).isTrue();
    assertThat(contains(ledger.publicState(), SECRET)).isFalse();
    assertThat(ledger.events().get(0).text())
        .isEqualTo(j("{'key':'k','owner':'" + ALICE + "','private':true}"));
  }

  @Test
  void aPrivateValueIsReadOnlyByItsOwnerThroughASealedRequest() {
    ledger.okSealed(ALICE, j("{'op':'put','key':'k','value':'" + SECRET + "'}"));
    String get = j("{'op':'get','key':'k'}");
    List<AppRejectedException> refusals = new ArrayList<>();
    refusals.add(ledger.rejects("private_value", ALICE, false, get));
    refusals.add(ledger.rejects("private_value", BOB, false, get));
    refusals.add(ledger.rejects("private_value", BOB, true, get));
    assertThat(refusals).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertThat(ledger.okSealed(ALICE, get).toString())
        .isEqualTo(
            j(
                "{'key':'k','value':'"
                    + SECRET
                    + "','owner':'"
                    + ALICE
                    + "','version':1,'private':true}"));
  }

  @Test
  void eachPutStoresTheValueWhereItsSealingSays() {
    ledger.okSealed(ALICE, j("{'op':'put','key':'k','value':'" + SECRET + "'}"));
    ledger.ok(ALICE, j("{'op':'put','key':'k','value':'open'}"));
    assertThat(contains(ledger.privateState(), SECRET)).isFalse();
    assertThat(ledger.privateState().entries()).isEmpty();
    assertThat(ledger.ok(BOB, j("{'op':'get','key':'k'}")).get("value").asText()).isEqualTo("open");

    ledger.okSealed(ALICE, j("{'op':'put','key':'k','value':'" + SECRET + "'}"));
    assertThat(contains(ledger.publicState(), "open")).isFalse();
    ledger.rejects("private_value", BOB, false, j("{'op':'get','key':'k'}"));
    assertThat(ledger.okSealed(ALICE, j("{'op':'get','key':'k'}")).get("version").asLong())
        .isEqualTo(3);
  }

  @Test
  void deleteByTheOwnerRemovesEverythingAndFreesTheKey() {
    ledger.okSealed(ALICE, j("{'op':'put','key':'k','value':'" + SECRET + "'}"));
    assertThat(ledger.run(ALICE, false, j("{'op':'delete','key':'k'}")).text())
        .isEqualTo(j("{'key':'k','deleted':true}"));
    assertThat(ledger.events()).extracting(Event::type).containsExactly("put", "delete");
    assertThat(ledger.events().get(1).text()).isEqualTo(j("{'key':'k','owner':'" + ALICE + "'}"));
    assertThat(ledger.publicState().entries()).isEmpty();
    assertThat(ledger.privateState().entries()).isEmpty();
    ledger.rejects("not_found", ALICE, true, j("{'op':'get','key':'k'}"));

    assertThat(ledger.ok(BOB, j("{'op':'put','key':'k','value':1}")).toString())
        .isEqualTo(j("{'key':'k','owner':'" + BOB + "','version':1,'private':false}"));
  }

  @Test
  void deleteIsForTheOwnerOfAnExistingKey() {
    ledger.ok(ALICE, j("{'op':'put','key':'k','value':1}"));
    ledger.rejects("not_owner", BOB, false, j("{'op':'delete','key':'k'}"));
    ledger.rejects("not_found", ALICE, false, j("{'op':'delete','key':'other'}"));
  }

  @Test
  void getOfAnAbsentKeyIsNotFound() {
    ledger.rejects("not_found", ALICE, false, j("{'op':'get','key':'k'}"));
  }

  @Test
  void listGivesKeysInByteOrderWithoutValues() {
    for (String key : List.of("b", "é", "ab", "z", "a")) {
      ledger.ok(ALICE, j("{'op':'put','key':'" + key + "','value':'" + SECRET + "'}"));
    }
    ledger.okSealed(BOB, j("{'op':'put','key':'aa','value':'" + SECRET + "'}"));

    String all = ledger.run(BOB, false, j("{'op':'list'}")).text();
    assertThat(all).doesNotContain(SECRET);
    assertThat(TestLedger.parse(all.getBytes(StandardCharsets.UTF_8)).findValuesAsText("key"))
        .containsExactly("a", "aa", "ab", "b", "z", "é");

    assertThat(ledger.run(BOB, false, j("{'op':'list','prefix':'a','limit':2}")).text())
        .isEqualTo(
            j(
                "{'entries':[{'key':'a','owner':'"
                    + ALICE
                    + "','version':1,'private':false},{'key':'aa','owner':'"
                    + BOB
                    + "','version':1,'private':true}],'more':true}"));
    assertThat(ledger.ok(BOB, j("{'op':'list','prefix':'a','limit':3}")).get("more").asBoolean())
        .isFalse();
    assertThat(ledger.ok(BOB, j("{'op':'list','prefix':'q'}")).toString())
        .isEqualTo(j("{'entries':[],'more':false}"));
  }

  @Test
  void listReturnsAtMostTheLimitUpToAThousand() {
    for (int i = 0; i < 1001; i++) {
      ledger.ok(ALICE, j("{'op':'put','key':'k" + (10000 + i) + "','value':" + i + "}"));
    }
    assertThat(ledger.ok(BOB, j("{'op':'list'}")).get("entries")).hasSize(100);
    var max = ledger.ok(BOB, j("{'op':'list','limit':1000}"));
    assertThat(max.get("entries")).hasSize(1000);
    assertThat(max.get("more").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "'5'", "1.5", "null", "99999999999999999999"})
  void listRefusesABadLimit(String limit) {
    ledger.rejects("invalid_field", ALICE, false, j("{'op':'list','limit':" + limit + "}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "[1]",
        "'put'",
        "{} {}",
        "{'op':'get','key':'a','key':'b'}",
        "{'op':'get','key':'a',}",
        "{op:'get'}"
      })
  void malformedInputIsRefused(String input) {
    ledger.rejects("malformed_input", ALICE, false, j(input));
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] input = j("{'op':'get','key':'X'}").getBytes(StandardCharsets.UTF_8);
    input[input.length - 3] = (byte) 0xC3; // a lead byte with no continuation
    ledger.rejects("malformed_input", ALICE, false, input);
  }

  @ParameterizedTest
  @ValueSource(strings = {"frobnicate", "PUT", ""})
  void anUnknownOpIsRefused(String op) {
    ledger.rejects("unknown_op", ALICE, false, j("{'op':'" + op + "','key':'k'}"));
  }

  @Test
  void invalidFieldsAreRefusedWithAPreciseMessage() {
    assertThat(ledger.rejects("invalid_field", ALICE, false, j("{'key':'k'}")).getMessage())
        .isEqualTo("missing field 'op'");
    assertThat(ledger.rejects("invalid_field", ALICE, false, j("{'op':1}")).getMessage())
        .isEqualTo("field 'op' must be a string");
    assertThat(ledger.rejects("invalid_field", ALICE, false, j("{'op':'get'}")).getMessage())
        .isEqualTo("missing field 'key'");
    assertThat(
            ledger.rejects("invalid_field", ALICE, false, j("{'op':'get','key':7}")).getMessage())
        .isEqualTo("field 'key' must be a string");
    assertThat(
            ledger.rejects("invalid_field", ALICE, false, j("{'op':'put','key':'k'}")).getMessage())
        .isEqualTo("missing field 'value'");
    assertThat(
            ledger
                .rejects("invalid_field", ALICE, false, j("{'op':'get','key':'k','vaule':1}"))
                .getMessage())
        .isEqualTo("unknown field 'vaule'");
    assertThat(
            ledger
                .rejects("invalid_field", ALICE, false, j("{'op':'list','prefix':false}"))
                .getMessage())
        .isEqualTo("field 'prefix' must be a string");
  }

  @Test
  void keysAreOneTo256Utf8Bytes() {
    String tooLong = "é".repeat(128) + "x"; // 257 bytes in 129 characters
    assertThat(
            ledger
                .rejects("invalid_field", ALICE, false, j("{'op':'put','key':'','value':1}"))
                .getMessage())
        .isEqualTo("field 'key' must be 1 to 256 UTF-8 bytes long");
    ledger.rejects(
        "invalid_field", ALICE, false, j("{'op':'put','key':'" + tooLong + "','value':1}"));
    ledger.rejects("invalid_field", ALICE, false, j("{'op':'list','prefix':'" + tooLong + "'}"));
    ledger.ok(ALICE, j("{'op':'put','key':'" + "é".repeat(128) + "','value':1}"));
    ledger.ok(ALICE, j("{'op':'put','key':'" + "x".repeat(256) + "','value':1}"));
  }

  @Test
  void keysWithUnpairedSurrogatesAreRefused() {
    // Both would encode to the same UTF-8 bytes as "?" if they were accepted.
    ledger.rejects(
        "invalid_field", ALICE, false, "{\"op\":\"put\",\"key\":\"\\ud800\",\"value\":1}");
    ledger.rejects(
        "invalid_field", ALICE, false, "{\"op\":\"put\",\"key\":\"\\udc00\",\"value\":1}");
    ledger.ok(ALICE, "{\"op\":\"put\",\"key\":\"\\ud83d\\ude00\",\"value\":1}");
    assertThat(ledger.ok(BOB, j("{'op':'list'}")).get("entries").get(0).get("key").asText())
        .isEqualTo("\ud83d\ude00");
  }

  @Test
  void valuesAreAtMost64KibOfJson() {
    // A string of n characters serializes to n + 2 bytes with its quotes.
    String fits = "x".repeat(64 * 1024 - 2);
    ledger.ok(ALICE, j("{'op':'put','key':'k','value':'" + fits + "'}"));
    assertThat(
            ledger
                .rejects(
                    "invalid_field",
                    ALICE,
                    false,
                    j("{'op':'put','key':'k','value':'" + fits + "x'}"))
                .getMessage())
        .isEqualTo("field 'value' must serialize to at most 65536 bytes of JSON");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "null",
        "true",
        "'text'",
        "0.1",
        "1.50",
        "1E+400",
        "123456789012345678901234567890",
        "[1,{'a':null,'b':[]},'x']"
      })
  void anyJsonValueReadsBackExactly(String value) {
    ledger.ok(ALICE, j("{'op':'put','key':'k','value':" + value + "}"));
    String out = ledger.run(BOB, false, j("{'op':'get','key':'k'}")).text();
    assertThat(out).startsWith(j("{'key':'k','value':" + value + ",'owner'"));
  }

  @Test
  void theSameInputsGiveIdenticalBytes() {
    List<String> script =
        List.of(
            "{'op':'put','key':'b','value':{'z':1,'a':[0.10,2]}}",
            "{'op':'put','key':'a','value':'x'}",
            "{'op':'get','key':'b'}",
            "{'op':'list','prefix':''}",
            "{'op':'delete','key':'a'}",
            "{'op':'list'}");
    TestLedger first = new TestLedger(new KvApp());
    TestLedger second = new TestLedger(new KvApp());
    for (String step : script) {
      byte[] a = first.run(ALICE, false, j(step)).output();
      byte[] b = second.run(ALICE, false, j(step)).output();
      assertThat(a).isNotNull().isEqualTo(b);
    }
    assertThat(first.snapshot()).isEqualTo(second.snapshot());
    assertThat(first.events()).hasSameSizeAs(second.events());
    for (int i = 0; i < first.events().size(); i++) {
      assertThat(first.events().get(i).data()).isEqualTo(second.events().get(i).data());
    }
    assertThat(
            new String(
                first.run(ALICE, false, j("{'op':'get','key':'b'}")).output(),
                StandardCharsets.UTF_8))
        .contains(j("{'z':1,'a':[0.10,2]}"));
  }

  @Test
  void stateUsesTheDocumentedLayout() {
    ledger.ok(ALICE, j("{'op':'put','key':'p','value':1}"));
    ledger.okSealed(ALICE, j("{'op':'put','key':'s','value':2}"));
    assertThat(ledger.publicState().entries())
        .extracting(e -> new String(e.getKey(), StandardCharsets.UTF_8))
        .containsExactly("mp", "ms", "vp");
    assertThat(ledger.privateState().entries())
        .extracting(e -> new String(e.getKey(), StandardCharsets.UTF_8))
        .containsExactly("vs");
    assertThat(ledger.publicState().get("ms".getBytes(StandardCharsets.UTF_8)))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo(j("{'owner':'" + ALICE + "','version':1,'private':true}"));
  }
}
