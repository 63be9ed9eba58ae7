package io.txnchain.apps.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;

/**
 * The public metadata of one key: who owns it, how often it was written, and where its value lives.
 * Stored as JSON so that anyone auditing the public state can read it.
 */
record Entry(String owner, long version, boolean isPrivate) {

  /** Addresses are compared without case: checksumming changes only the case of hex digits. */
  boolean ownedBy(String caller) {
    return owner.equalsIgnoreCase(caller);
  }

  /** The entry after one more write by its owner. */
  Entry rewritten(boolean nowPrivate) {
    return new Entry(owner, Math.addExact(version, 1), nowPrivate);
  }

  byte[] encode() {
    ObjectNode node = AppJson.object();
    node.put("owner", owner);
    node.put("version", version);
    node.put("private", isPrivate);
    return AppJson.write(node);
  }

  static Entry decode(byte[] stored) {
    JsonNode node = AppJson.readStored(stored);
    return new Entry(
        node.get("owner").textValue(),
        node.get("version").longValue(),
        node.get("private").booleanValue());
  }
}
