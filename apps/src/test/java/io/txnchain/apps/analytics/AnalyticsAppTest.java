package io.txnchain.apps.analytics;

import static io.txnchain.apps.fixture.TestLedger.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.apps.fixture.TestLedger;
import io.txnchain.apps.fixture.TestLedger.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyticsAppTest {
  static final String ALICE = "0x8ba1f109551bD432803012645Ac136ddd64DBA72";
  static final String BOB = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
  static final String CAROL = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
  static final String DAVE = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
  static final List<String> PARTIES = List.of(ALICE, BOB, CAROL, DAVE);
  static final String AGGREGATE = j("{'op':'aggregate','dataset':'d'}");

  private final TestLedger ledger = new TestLedger(new AnalyticsApp());

  private void create(int k) {
    ledger.ok(ALICE, j("{'op':'create','dataset':'d','k':" + k + "}"));
  }

  private JsonNode contribute(String caller, String values) {
    return ledger.okSealed(caller, j("{'op':'contribute','dataset':'d','values':" + values + "}"));
  }

  private static String json(long... values) {
    return LongStream.of(values)
        .mapToObj(Long::toString)
        .collect(Collectors.joining(",", "[", "]"));
  }

  /** Aggregates a fresh k=2 dataset where each array is one party's contribution. */
  private static JsonNode aggregateOf(String histogram, long[]... perParty) {
    TestLedger fresh = new TestLedger(new AnalyticsApp());
    fresh.ok(ALICE, j("{'op':'create','dataset':'d','k':2}"));
    for (int i = 0; i < perParty.length; i++) {
      fresh.okSealed(
          PARTIES.get(i),
          j("{'op':'contribute','dataset':'d','values':" + json(perParty[i]) + "}"));
    }
    String request =
        histogram == null
            ? AGGREGATE
            : j("{'op':'aggregate','dataset':'d','histogram':" + histogram + "}");
    return fresh.ok(BOB, request);
  }

  @Test
  void nameAndDefaultThreshold() {
    assertThat(new AnalyticsApp().name()).isEqualTo("analytics");
    assertThatThrownBy(() -> new AnalyticsApp(1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createRecordsTheCreatorAndThreshold() {
    assertThat(
            ledger
                .run(
                    ALICE,
                    false,
                    j("{'op':'create','dataset':'salaries','k':4,'description':'pay'}"))
                .text())
        .isEqualTo(j("{'dataset':'salaries','creator':'" + ALICE + "','k':4,'description':'pay'}"));
    assertThat(ledger.events()).extracting(Event::type).containsExactly("create");
    assertThat(ledger.events().get(0).text())
        .isEqualTo(j("{'dataset':'salaries','creator':'" + ALICE + "','k':4}"));
    assertThat(ledger.run(BOB, false, j("{'op':'info','dataset':'salaries'}")).text())
        .isEqualTo(
            j(
                "{'dataset':'salaries','creator':'"
                    + ALICE
                    + "','k':4,'description':'pay','contributors':0,'contributions':0}"));
  }

  @Test
  void theThresholdDefaultsToTheConstructorArgument() {
    TestLedger five = new TestLedger(new AnalyticsApp(5));
    assertThat(five.ok(ALICE, j("{'op':'create','dataset':'d'}")).get("k").asInt()).isEqualTo(5);
    ledger.ok(ALICE, j("{'op':'create','dataset':'d'}"));
    assertThat(ledger.ok(ALICE, j("{'op':'info','dataset':'d'}")).get("k").asInt()).isEqualTo(3);
  }

  @Test
  void aDatasetIsCreatedOnce() {
    create(2);
    ledger.rejects("dataset_exists", BOB, false, j("{'op':'create','dataset':'d','k':9}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'dataset':'d','k':1",
        "'dataset':'d','k':-3",
        "'dataset':'d','k':2.5",
        "'dataset':'d','k':'3'",
        "'dataset':'d','k':2147483648",
        "'dataset':''",
        "'dataset':'has space'",
        "'dataset':'caf\u00e9'",
        "'dataset':3",
        "'k':3",
        "'dataset':'d','description':5",
        "'dataset':'d','owner':'me'"
      })
  void createRefusesInvalidFields(String fields) {
    ledger.rejects("invalid_field", ALICE, false, j("{'op':'create'," + fields + "}"));
  }

  @Test
  void namesAndDescriptionsHaveLengthLimits() {
    ledger.ok(ALICE, j("{'op':'create','dataset':'" + "a".repeat(64) + "'}"));
    ledger.rejects(
        "invalid_field", ALICE, false, j("{'op':'create','dataset':'" + "a".repeat(65) + "'}"));
    ledger.ok(ALICE, j("{'op':'create','dataset':'x','description':'" + "é".repeat(512) + "'}"));
    ledger.rejects(
        "invalid_field",
        ALICE,
        false,
        j("{'op':'create','dataset':'y','description':'" + "é".repeat(512) + "x'}"));
  }

  @Test
  void contributionsMustBeSealed() {
    create(2);
    assertThat(
            ledger
                .rejects(
                    "input_not_sealed",
                    BOB,
                    false,
                    j("{'op':'contribute','dataset':'d','values':[52000]}"))
                .getMessage())
        .doesNotContain("52000");
  }

  @Test
  void contributingToAnAbsentDatasetIsNotFound() {
    ledger.rejects("not_found", BOB, true, j("{'op':'contribute','dataset':'d','values':[1]}"));
    ledger.rejects("not_found", BOB, false, AGGREGATE);
    ledger.rejects("not_found", BOB, false, j("{'op':'info','dataset':'d'}"));
  }

  @Test
  void aContributionIsKeptInPrivateStateOnly() {
    create(2);
    assertThat(contribute(BOB, "[52000,'61000']").toString())
        .isEqualTo(j("{'dataset':'d','accepted':2,'contributors':1}"));
    assertThat(ledger.events()).extracting(Event::type).containsExactly("create", "contribution");
    assertThat(ledger.events().get(1).text()).isEqualTo(j("{'dataset':'d','contributors':1}"));
    assertThat(ledger.publicState().entries())
        .extracting(e -> e.getKey()[0])
        .containsOnly((byte) 'd');
    assertThat(ledger.publicState().entries())
        .allSatisfy(
            e ->
                assertThat(new String(e.getValue(), StandardCharsets.UTF_8))
                    .doesNotContain("52000"));
    byte[] chunk =
        ledger.privateState().get(Keys.chunk("d".getBytes(StandardCharsets.US_ASCII), 0, 0));
    assertThat(chunk)
        .isEqualTo(
            new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xCB, 0x20, 0, 0, 0, 0, 0, 0, (byte) 0xEE, 0x48});
  }

  @Test
  void aContributorCountsOnceHoweverOftenItContributes() {
    create(2);
    contribute(BOB, "[1]");
    contribute(BOB, "[2]");
    assertThat(contribute(BOB.toLowerCase(), "[3]").get("contributors").asInt()).isEqualTo(1);
    JsonNode info = ledger.ok(ALICE, j("{'op':'info','dataset':'d'}"));
    assertThat(info.get("contributors").asInt()).isEqualTo(1);
    assertThat(info.get("contributions").asInt()).isEqualTo(3);
    ledger.rejects("too_few_contributors", ALICE, false, AGGREGATE);
  }

  @Test
  void anAggregateNeedsKDistinctContributorsAndSucceedsAtExactlyK() {
    create(3);
    contribute(ALICE, "[52000,61000]");
    contribute(ALICE, "[70000]");
    contribute(BOB, "['45000']");
    assertThat(ledger.rejects("too_few_contributors", DAVE, false, AGGREGATE).getMessage())
        .isEqualTo("the dataset has 2 distinct contributors; 3 are required")
        .doesNotContain("52000");
    contribute(CAROL, "[58000]");
    assertThat(ledger.run(DAVE, false, AGGREGATE).text())
        .isEqualTo(
            j(
                "{'dataset':'d','contributors':3,'count':5,'sum':'286000','mean':'57200.00',"
                    + "'min':'45000','max':'70000'}"));
  }

  @Test
  void anAggregateChangesNoState() {
    create(2);
    contribute(ALICE, "[1]");
    contribute(BOB, "[2]");
    byte[] before = ledger.snapshot();
    ledger.ok(CAROL, AGGREGATE);
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @ParameterizedTest
  @CsvSource({
    "1, 8, 0.12",
    "3, 8, 0.38",
    "-1, 8, -0.12",
    "-3, 8, -0.38",
    "5, 8, 0.62",
    "1, 3, 0.33",
    "2, 3, 0.67",
    "-2, 3, -0.67",
    "-1, 1000, 0.00"
  })
  void theMeanIsRoundedHalfEvenToTwoDecimals(long sum, int count, String mean) {
    long[] first = new long[count - 1];
    JsonNode out = aggregateOf(null, first, new long[] {sum});
    assertThat(out.get("sum").asText()).isEqualTo(Long.toString(sum));
    assertThat(out.get("count").asInt()).isEqualTo(count);
    assertThat(out.get("mean").asText()).isEqualTo(mean);
  }

  @Test
  void sumsNearTheLongLimitsDoNotOverflow() {
    long max = Long.MAX_VALUE;
    long min = Long.MIN_VALUE;
    JsonNode high = aggregateOf(null, new long[] {max, max}, new long[] {max});
    assertThat(high.get("sum").asText()).isEqualTo("27670116110564327421");
    assertThat(high.get("mean").asText()).isEqualTo("9223372036854775807.00");

    JsonNode low = aggregateOf(null, new long[] {min, min}, new long[] {min, -1});
    assertThat(low.get("sum").asText()).isEqualTo("-27670116110564327425");
    assertThat(low.get("min").asText()).isEqualTo(Long.toString(min));
    assertThat(low.get("max").asText()).isEqualTo("-1");

    JsonNode mixed = aggregateOf(null, new long[] {max, max, min}, new long[] {min, min, max, 5});
    assertThat(mixed.get("sum").asText()).isEqualTo("2");
    assertThat(mixed.get("mean").asText()).isEqualTo("0.29");
  }

  @Test
  void aggregatesMatchAReferenceOverRandomValues() {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      long[][] parties = new long[2 + random.nextInt(3)][];
      BigInteger sum = BigInteger.ZERO;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      int count = 0;
      for (int p = 0; p < parties.length; p++) {
        parties[p] = new long[1 + random.nextInt(50)];
        for (int i = 0; i < parties[p].length; i++) {
          long v =
              switch (random.nextInt(4)) {
                case 0 -> Long.MAX_VALUE - random.nextInt(3);
                case 1 -> Long.MIN_VALUE + random.nextInt(3);
                case 2 -> random.nextLong();
                default -> random.nextInt(2001) - 1000;
              };
          parties[p][i] = v;
          sum = sum.add(BigInteger.valueOf(v));
          min = Math.min(min, v);
          max = Math.max(max, v);
          count++;
        }
      }
      JsonNode out = aggregateOf(null, parties);
      assertThat(out.get("count").asInt()).isEqualTo(count);
      assertThat(out.get("sum").asText()).isEqualTo(sum.toString());
      assertThat(out.get("min").asText()).isEqualTo(Long.toString(min));
      assertThat(out.get("max").asText()).isEqualTo(Long.toString(max));
      assertThat(out.get("mean").asText())
          .isEqualTo(
              new BigDecimal(sum)
                  .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN)
                  .toPlainString());
    }
  }

  @Test
  void histogramBucketsAreHalfOpenWithUnderflowAndOverflow() {
    JsonNode out =
        aggregateOf(
            "{'min':0,'max':100,'buckets':10}",
            new long[] {-1, 0, 9, 10},
            new long[] {99, 100, 1000, 55});
    assertThat(out.get("histogram").toString())
        .isEqualTo(
            j(
                "{'min':'0','max':'100','buckets':[2,1,0,0,0,1,0,0,0,1],"
                    + "'underflow':1,'overflow':2}"));
  }

  @Test
  void histogramBoundsMayBeStringsAndSpanTheWholeLongRange() {
    JsonNode out =
        aggregateOf(
            "{'min':'" + Long.MIN_VALUE + "','max':'" + Long.MAX_VALUE + "','buckets':2}",
            new long[] {Long.MIN_VALUE, -1},
            new long[] {0, Long.MAX_VALUE - 1, Long.MAX_VALUE});
    assertThat(out.get("histogram").toString())
        .isEqualTo(
            j(
                "{'min':'-9223372036854775808','max':'9223372036854775807','buckets':[2,2],"
                    + "'underflow':0,'overflow':1}"));
  }

  @Test
  void bucketsMatchTheExactFormulaOnBothSidesOfTheFastPath() {
    Random random = new Random(7);
    long[][] specs = {
      {0, Long.MAX_VALUE / 3, 3},
      {0, Long.MAX_VALUE / 3 + 1, 3},
      {-5, Long.MAX_VALUE / 1000 - 5, 1000},
      {-5, Long.MAX_VALUE / 1000 - 4, 1000},
      {Long.MIN_VALUE, Long.MAX_VALUE, 7},
      {Long.MIN_VALUE, 0, 1},
      {-100, 100, 13}
    };
    for (long[] spec : specs) {
      Histogram h = new Histogram(spec[0], spec[1], (int) spec[2]);
      BigInteger lo = BigInteger.valueOf(spec[0]);
      BigInteger range = BigInteger.valueOf(spec[1]).subtract(lo);
      for (int i = 0; i < 2000; i++) {
        long v =
            switch (i) {
              case 0 -> spec[0];
              case 1 -> spec[1] - 1;
              default -> lo.add(new BigInteger(64, random).mod(range)).longValueExact();
            };
        int expected =
            BigInteger.valueOf(v)
                .subtract(lo)
                .multiply(BigInteger.valueOf(spec[2]))
                .divide(range)
                .intValueExact();
        assertThat(h.bucketOf(v)).as("%s in %s", v, Arrays.toString(spec)).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'min':0,'max':10,'buckets':0}",
        "{'min':0,'max':10,'buckets':1001}",
        "{'min':0,'max':10,'buckets':1.5}",
        "{'min':0,'max':10,'buckets':'2'}",
        "{'min':10,'max':10,'buckets':2}",
        "{'min':11,'max':10,'buckets':2}",
        "{'min':0.5,'max':10,'buckets':2}",
        "{'min':'x','max':10,'buckets':2}",
        "{'min':0,'buckets':2}",
        "{'min':0,'max':10,'buckets':2,'width':1}",
        "[0,10,2]",
        "null"
      })
  void invalidHistogramsAreRefused(String histogram) {
    create(2);
    contribute(ALICE, "[1]");
    contribute(BOB, "[2]");
    ledger.rejects(
        "invalid_field",
        CAROL,
        false,
        j("{'op':'aggregate','dataset':'d','histogram':" + histogram + "}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9223372036854775807",
        "-9223372036854775808",
        "'9223372036854775807'",
        "'-9223372036854775808'",
        "0",
        "'-0'",
        "'007'"
      })
  void valuesMayBeIntegersOrIntegerStrings(String value) {
    create(2);
    assertThat(contribute(ALICE, "[" + value + "]").get("accepted").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.5",
        "1.0",
        "1e3",
        "'1.5'",
        "'+1'",
        "' 1'",
        "''",
        "'-'",
        "'0x10'",
        "'\u0661'",
        "'9223372036854775808'",
        "9223372036854775808",
        "-9223372036854775809",
        "null",
        "true",
        "[1]",
        "{}"
      })
  void anythingElseIsRefusedWithoutEchoingIt(String value) {
    create(2);
    String message =
        ledger
            .rejects(
                "invalid_field",
                ALICE,
                true,
                j("{'op':'contribute','dataset':'d','values':[7," + value + "]}"))
            .getMessage();
    assertThat(message)
        .isEqualTo(
            "values[1] must be an integer in the signed 64-bit range, as a JSON integer or a"
                + " string");
  }

  @Test
  void aContributionHoldsOneToTenThousandValues() {
    create(2);
    ledger.rejects(
        "invalid_field", ALICE, true, j("{'op':'contribute','dataset':'d','values':[]}"));
    ledger.rejects("invalid_field", ALICE, true, j("{'op':'contribute','dataset':'d','values':5}"));
    ledger.rejects("invalid_field", ALICE, true, j("{'op':'contribute','dataset':'d'}"));
    String tooMany =
        IntStream.range(0, 10_001).mapToObj(i -> "1").collect(Collectors.joining(",", "[", "]"));
    ledger.rejects(
        "invalid_field",
        ALICE,
        true,
        j("{'op':'contribute','dataset':'d','values':" + tooMany + "}"));

    long[] many = LongStream.range(0, 10_000).toArray();
    assertThat(contribute(ALICE, json(many)).get("accepted").asInt()).isEqualTo(10_000);
    contribute(BOB, "[10000]");
    JsonNode out =
        ledger.ok(
            CAROL,
            j("{'op':'aggregate','dataset':'d','histogram':{'min':0,'max':10001,'buckets':1}}"));
    assertThat(out.get("count").asInt()).isEqualTo(10_001);
    assertThat(out.get("sum").asText()).isEqualTo("50005000");
    assertThat(out.get("histogram").get("buckets").get(0).asInt()).isEqualTo(10_001);
  }

  @Test
  void requestsAreValidatedLikeKv() {
    ledger.rejects("malformed_input", ALICE, false, "{\"op\":");
    ledger.rejects("malformed_input", ALICE, false, "[]");
    ledger.rejects("unknown_op", ALICE, false, j("{'op':'delete','dataset':'d'}"));
    assertThat(ledger.rejects("invalid_field", ALICE, false, j("{'dataset':'d'}")).getMessage())
        .isEqualTo("missing field 'op'");
    assertThat(ledger.rejects("invalid_field", ALICE, false, j("{'op':'info'}")).getMessage())
        .isEqualTo("missing field 'dataset'");
    assertThat(
            ledger
                .rejects("invalid_field", ALICE, false, j("{'op':'info','dataset':'d','x':1}"))
                .getMessage())
        .isEqualTo("unknown field 'x'");
  }

  @Test
  void theSameInputsGiveIdenticalBytes() {
    List<String[]> script =
        List.of(
            new String[] {ALICE, "{'op':'create','dataset':'d','k':2,'description':'x'}"},
            new String[] {
              BOB, "{'op':'contribute','dataset':'d','values':[5,'-7',9223372036854775807]}"
            },
            new String[] {CAROL, "{'op':'contribute','dataset':'d','values':[3]}"},
            new String[] {
              DAVE, "{'op':'aggregate','dataset':'d','histogram':{'min':-10,'max':10,'buckets':4}}"
            },
            new String[] {DAVE, "{'op':'info','dataset':'d'}"});
    TestLedger first = new TestLedger(new AnalyticsApp());
    TestLedger second = new TestLedger(new AnalyticsApp());
    for (String[] step : script) {
      byte[] a = first.run(step[0], true, j(step[1])).output();
      byte[] b = second.run(step[0], true, j(step[1])).output();
      assertThat(a).isNotNull().isEqualTo(b);
    }
    assertThat(first.snapshot()).isEqualTo(second.snapshot());
    assertThat(first.events())
        .extracting(Event::text)
        .isEqualTo(second.events().stream().map(Event::text).toList());
  }

  @Test
  void stateUsesTheDocumentedLayout() {
    create(2);
    contribute(BOB, "[1]");
    assertThat(ledger.publicState().entries())
        .extracting(e -> e.getKey())
        .containsExactly(new byte[] {'d', 1, 'd'});
    byte[] contributor =
        ("c\u0001d" + BOB.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = {'v', 1, 'd', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThat(ledger.privateState().entries())
        .extracting(e -> e.getKey())
        .containsExactly(contributor, chunk);
    assertThat(ledger.privateState().get(contributor)).containsExactly(1);
  }
}
