package io.txnchain.apps.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;

/**
 * A dataset's public record. It holds no values: only who created it, the anonymity threshold, and
 * how many distinct contributors and contributions it has.
 */
record Dataset(String creator, int k, String description, long contributors, long contributions) {

  static Dataset created(String creator, int k, String description) {
    return new Dataset(creator, k, description, 0, 0);
  }

  Dataset withContribution(boolean newContributor) {
    return new Dataset(
        creator,
        k,
        description,
        newContributor ? Math.addExact(contributors, 1) : contributors,
        Math.addExact(contributions, 1));
  }

  byte[] encode() {
    ObjectNode node = AppJson.object();
    node.put("creator", creator);
    node.put("k", k);
    node.put("description", description);
    node.put("contributors", contributors);
    node.put("contributions", contributions);
    return AppJson.write(node);
  }

  static Dataset decode(byte[] stored) {
    JsonNode node = AppJson.readStored(stored);
    return new Dataset(
        node.get("creator").textValue(),
        node.get("k").intValue(),
        node.get("description").textValue(),
        node.get("contributors").longValue(),
        node.get("contributions").longValue());
  }
}
