package io.txnchain.apps.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import io.txnchain.tee.app.EnclaveApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A key-value store whose keys belong to their first writer. Values put through a sealed input are
 * kept in private state and returned only to their owner, through a sealed request.
 *
 * <p>State layout (keys are byte strings, ordered as unsigned bytes; {@code key} is the UTF-8 user
 * key, 1 to 256 bytes):
 *
 * <ul>
 *   <li>public {@code 'm' || key}: the entry's metadata as JSON {@code
 *       {"owner":"0x..","version":n,"private":bool}}
 *   <li>public {@code 'v' || key}: the serialized JSON value of a public entry
 *   <li>private {@code 'v' || key}: the serialized JSON value of a private entry
 * </ul>
 *
 * <p>A value lives in exactly one of the two states; a later put moves it to where its sealing
 * says. Deleting a key frees it: the next put starts a new entry at version 1 with a new owner.
 */
public final class KvApp implements EnclaveApp {
  /** The registered name. */
  public static final String NAME = "kv";

  static final int MAX_KEY_BYTES = 256;
  static final int MAX_VALUE_BYTES = 64 * 1024;
  static final int MAX_LIST = 1000;
  static final int DEFAULT_LIST = 100;

  @Override
  public List<Class<?>> codeAnchors() {
    return List.of(KvApp.class, AppJson.class);
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
      case "put":
        return put(ctx, request);
      case "get":
        return get(ctx, request);
      case "delete":
        return delete(ctx, request);
      case "list":
        return list(ctx, request);
      default:
        throw new AppRejectedException(
            "unknown_op", "unknown op; expected put, get, delete or list");
    }
  }

  private static byte[] put(AppContext ctx, ObjectNode request) throws AppRejectedException {
    AppJson.allowOnly(request, "op", "key", "value");
    String key = AppJson.requiredString(request, "key");
    byte[] keyBytes = AppJson.utf8(key, "key", 1, MAX_KEY_BYTES);
    byte[] value = AppJson.write(AppJson.required(request, "value"));
    if (value.length > MAX_VALUE_BYTES) {
      throw AppJson.invalid(
          "field 'value' must serialize to at most " + MAX_VALUE_BYTES + " bytes of JSON");
    }
    boolean sealed = ctx.inputWasSealed();
    Entry old = ownedEntry(ctx, keyBytes, false);
    Entry entry = old == null ? new Entry(ctx.caller(), 1, sealed) : old.rewritten(sealed);

    AppState keep = sealed ? ctx.privateState() : ctx.publicState();
    AppState drop = sealed ? ctx.publicState() : ctx.privateState();
    keep.put(Keys.value(keyBytes), value);
    drop.delete(Keys.value(keyBytes));
    ctx.publicState().put(Keys.meta(keyBytes), entry.encode());

    ObjectNode event = AppJson.object();
    event.put("key", key);
    event.put("owner", entry.owner());
    event.put("private", sealed);
    ctx.emit("put", AppJson.write(event));

    ObjectNode out = AppJson.object();
    out.put("key", key);
    out.put("owner", entry.owner());
    out.put("version", entry.version());
    out.put("private", sealed);
    return AppJson.write(out);
  }

  private static byte[] get(AppContext ctx, ObjectNode request) throws AppRejectedException {
    AppJson.allowOnly(request, "op", "key");
    String key = AppJson.requiredString(request, "key");
    byte[] keyBytes = AppJson.utf8(key, "key", 1, MAX_KEY_BYTES);
    Entry entry = load(ctx, keyBytes);
    if (entry == null) {
      throw notFound();
    }
    // An unsealed result is recorded publicly, so a private value may leave only sealed.
    if (entry.isPrivate() && !(entry.ownedBy(ctx.caller()) && ctx.inputWasSealed())) {
      throw new AppRejectedException(
          "private_value",
          "a private value is returned only to its owner, through a sealed request");
    }
    AppState home = entry.isPrivate() ? ctx.privateState() : ctx.publicState();
    JsonNode value = AppJson.readStored(home.get(Keys.value(keyBytes)));

    ObjectNode out = AppJson.object();
    out.put("key", key);
    out.set("value", value);
    out.put("owner", entry.owner());
    out.put("version", entry.version());
    out.put("private", entry.isPrivate());
    return AppJson.write(out);
  }

  private static byte[] delete(AppContext ctx, ObjectNode request) throws AppRejectedException {
    AppJson.allowOnly(request, "op", "key");
    String key = AppJson.requiredString(request, "key");
    byte[] keyBytes = AppJson.utf8(key, "key", 1, MAX_KEY_BYTES);
    Entry entry = ownedEntry(ctx, keyBytes, true);
    ctx.publicState().delete(Keys.meta(keyBytes));
    ctx.publicState().delete(Keys.value(keyBytes));
    ctx.privateState().delete(Keys.value(keyBytes));

    ObjectNode event = AppJson.object();
    event.put("key", key);
    event.put("owner", entry.owner());
    ctx.emit("delete", AppJson.write(event));

    ObjectNode out = AppJson.object();
    out.put("key", key);
    out.put("deleted", true);
    return AppJson.write(out);
  }

  private static byte[] list(AppContext ctx, ObjectNode request) throws AppRejectedException {
    AppJson.allowOnly(request, "op", "prefix", "limit");
    String prefix = AppJson.optionalString(request, "prefix", "");
    byte[] prefixBytes = AppJson.utf8(prefix, "prefix", 0, MAX_KEY_BYTES);
    int limit = AppJson.optionalInt(request, "limit", DEFAULT_LIST, 1, MAX_LIST);
    // One extra row tells whether there is more without a second scan.
    List<Map.Entry<byte[], byte[]>> rows =
        ctx.publicState().scan(Keys.meta(prefixBytes), limit + 1);

    ObjectNode out = AppJson.object();
    ArrayNode entries = out.putArray("entries");
    for (Map.Entry<byte[], byte[]> row : rows.subList(0, Math.min(limit, rows.size()))) {
      Entry entry = Entry.decode(row.getValue());
      ObjectNode item = entries.addObject();
      item.put("key", new String(Keys.userKey(row.getKey()), StandardCharsets.UTF_8));
      item.put("owner", entry.owner());
      item.put("version", entry.version());
      item.put("private", entry.isPrivate());
    }
    out.put("more", rows.size() > limit);
    return AppJson.write(out);
  }

  private static Entry load(AppContext ctx, byte[] keyBytes) {
    byte[] stored = ctx.publicState().get(Keys.meta(keyBytes));
    return stored == null ? null : Entry.decode(stored);
  }

  /**
   * The entry under {@code keyBytes}, refused unless the caller owns it. An absent entry is {@code
   * null}, or refused when {@code mustExist}.
   */
  private static Entry ownedEntry(AppContext ctx, byte[] keyBytes, boolean mustExist)
      throws AppRejectedException {
    Entry entry = load(ctx, keyBytes);
    if (entry == null) {
      if (mustExist) {
        throw notFound();
      }
      return null;
    }
    if (!entry.ownedBy(ctx.caller())) {
      throw new AppRejectedException("not_owner", "the key belongs to another address");
    }
    return entry;
  }

  private static AppRejectedException notFound() {
    return new AppRejectedException("not_found", "no entry under this key");
  }
}
