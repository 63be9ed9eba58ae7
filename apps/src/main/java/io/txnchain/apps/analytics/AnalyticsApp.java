package io.txnchain.apps.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.EnclaveApp;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Aggregate statistics over sealed contributions from several parties. Values are kept in private
 * state only; an aggregate is released only once a dataset has at least {@code k} distinct
 * contributors, and never an individual value beyond what the aggregate itself implies.
 *
 * <p>State layout (keys are byte strings, ordered as unsigned bytes; {@code name} is the ASCII
 * dataset name and {@code len} its length as one byte):
 *
 * <ul>
 *   <li>public {@code 'd' || len || name}: the dataset as JSON {@code
 *       {"creator":"0x..","k":n,"description":"..","contributors":n,"contributions":n}}
 *   <li>private {@code 'c' || len || name || address}: marks a distinct contributor, by its
 *       lower-case address in ASCII; the value is one byte {@code 0x01}
 *   <li>private {@code 'v' || len || name || contribution (8 bytes) || chunk (4 bytes)}: up to 1024
 *       values of one contribution, each 8 bytes, all big-endian two's complement
 * </ul>
 *
 * <p>The threshold does not stop differencing: aggregates taken before and after one contribution
 * reveal that contribution's sum, and a narrow histogram can isolate a value.
 */
public final class AnalyticsApp implements EnclaveApp {
  /** The registered name. */
  public static final String NAME = "analytics";

  /** The anonymity threshold used when a dataset is created without one. */
  public static final int DEFAULT_K = 3;

  static final int MAX_VALUES = 10_000;
  static final int MAX_NAME_LENGTH = 64;
  static final int MAX_DESCRIPTION_BYTES = 1024;

  private final int defaultK;

  /** An app whose datasets default to {@link #DEFAULT_K}. */
  public AnalyticsApp() {
    this(DEFAULT_K);
  }

  /** An app whose datasets default to {@code defaultK}, which must be at least 2. */
  public AnalyticsApp(int defaultK) {
    if (defaultK < 2) {
      throw new IllegalArgumentException("defaultK must be at least 2");
    }
    this.defaultK = defaultK;
  }

  @Override
  public List<Class<?>> codeAnchors() {
    return List.of(AnalyticsApp.class, AppJson.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte[] execute(AppContext ctx, byte[] input) throws AppRejectedException {
    ObjectNode request = AppJson.parseObject(input);
    String op = AppJson.requiredString(request, "op");
    switch (op) {
      case "create":
        return create(ctx, request);
      case "contribute":
        return contribute(ctx, request);
      case "aggregate":
        return aggregate(ctx, request);
      case "info":
        return info(ctx, request);
      default:
        throw new AppRejectedException(
            "unknown_op", "unknown op; expected create, contribute, aggregate or info");
    }
  }

  private byte[] create(AppContext ctx, ObjectNode request) throws AppRejectedException {
    AppJson.allowOnly(request, "op", "dataset", "k", "description");
    String name = AppJson.requiredString(request, "dataset");
    byte[] nameBytes = datasetName(name);
    int k = AppJson.optionalInt(request, "k", defaultK, 2, Integer.MAX_VALUE);
    String description = AppJson.optionalString(request, "description", "");
    AppJson.utf8(description, "description", 0, MAX_DESCRIPTION_BYTES);
    byte[] key = Keys.dataset(nameBytes);
    if (ctx.publicState().get(key) != null) {
      throw new AppRejectedException("dataset_exists", "a dataset with this name exists");
    }
    Dataset dataset = Dataset.created(ctx.caller(), k, description);
    ctx.publicState().put(key, dataset.encode());

    ObjectNode event = AppJson.object();
    event.put("dataset", name);
    event.put("creator", dataset.creator());
    event.put("k", k);
    ctx.emit("create", AppJson.write(event));
    return AppJson.write(describe(name, dataset));
  }

  private static byte[] contribute(AppContext ctx, ObjectNode request) throws AppRejectedException {
    // Checked first: a plaintext contribution is already public, so refuse before anything else.
    if (!ctx.inputWasSealed()) {
      throw new AppRejectedException(
          "input_not_sealed", "contributions must be sealed to the enclave");
    }
    AppJson.allowOnly(request, "op", "dataset", "values");
    String name = AppJson.requiredString(request, "dataset");
    byte[] nameBytes = datasetName(name);
    long[] values = values(AppJson.required(request, "values"));
    Dataset dataset = load(ctx, nameBytes);

    Values.store(ctx.privateState(), nameBytes, dataset.contributions(), values);
    byte[] contributorKey = Keys.contributor(nameBytes, ctx.caller());
    boolean newContributor = ctx.privateState().get(contributorKey) == null;
    if (newContributor) {
      ctx.privateState().put(contributorKey, new byte[] {1});
    }
    Dataset updated = dataset.withContribution(newContributor);
    ctx.publicState().put(Keys.dataset(nameBytes), updated.encode());

    ObjectNode event = AppJson.object();
    event.put("dataset", name);
    event.put("contributors", updated.contributors());
    ctx.emit("contribution", AppJson.write(event));

    ObjectNode out = AppJson.object();
    out.put("dataset", name);
    out.put("accepted", values.length);
    out.put("contributors", updated.contributors());
    return AppJson.write(out);
  }

  private static byte[] aggregate(AppContext ctx, ObjectNode request) throws AppRejectedException {
    AppJson.allowOnly(request, "op", "dataset", "histogram");
    String name = AppJson.requiredString(request, "dataset");
    byte[] nameBytes = datasetName(name);
    JsonNode histogramSpec = request.get("histogram");
    Histogram histogram = histogramSpec == null ? null : Histogram.parse(histogramSpec);
    Dataset dataset = load(ctx, nameBytes);
    if (dataset.contributors() < dataset.k()) {
      throw new AppRejectedException(
          "too_few_contributors",
          "the dataset has "
              + dataset.contributors()
              + " distinct contributors; "
              + dataset.k()
              + " are required");
    }
    Summary summary = new Summary(histogram);
    Values.forEach(ctx.privateState(), nameBytes, dataset.contributions(), summary);

    ObjectNode out = AppJson.object();
    out.put("dataset", name);
    out.put("contributors", dataset.contributors());
    summary.writeTo(out);
    return AppJson.write(out);
  }

  private static byte[] info(AppContext ctx, ObjectNode request) throws AppRejectedException {
    AppJson.allowOnly(request, "op", "dataset");
    String name = AppJson.requiredString(request, "dataset");
    Dataset dataset = load(ctx, datasetName(name));
    ObjectNode out = describe(name, dataset);
    out.put("contributors", dataset.contributors());
    out.put("contributions", dataset.contributions());
    return AppJson.write(out);
  }

  private static ObjectNode describe(String name, Dataset dataset) {
    ObjectNode out = AppJson.object();
    out.put("dataset", name);
    out.put("creator", dataset.creator());
    out.put("k", dataset.k());
    out.put("description", dataset.description());
    return out;
  }

  private static Dataset load(AppContext ctx, byte[] nameBytes) throws AppRejectedException {
    byte[] stored = ctx.publicState().get(Keys.dataset(nameBytes));
    if (stored == null) {
      throw new AppRejectedException("not_found", "no dataset with this name");
    }
    return Dataset.decode(stored);
  }

  /** Dataset names are restricted to a plain ASCII set so they read the same everywhere. */
  private static byte[] datasetName(String name) throws AppRejectedException {
    boolean ok = !name.isEmpty() && name.length() <= MAX_NAME_LENGTH;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
    }
    if (!ok) {
      throw AppJson.invalid(
          "field 'dataset' must be 1 to "
              + MAX_NAME_LENGTH
              + " characters from A-Z, a-z, 0-9, '.', '_' and '-'");
    }
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  private static long[] values(JsonNode node) throws AppRejectedException {
    if (!node.isArray() || node.size() < 1 || node.size() > MAX_VALUES) {
      throw AppJson.invalid("field 'values' must be an array of 1 to " + MAX_VALUES + " integers");
    }
    long[] values = new long[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = AppJson.int64(node.get(i), "values[" + i + "]");
    }
    return values;
  }
}
