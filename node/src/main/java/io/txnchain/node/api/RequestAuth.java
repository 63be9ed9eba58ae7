package io.txnchain.node.api;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.util.encoders.Hex;

/**
 * Checks wallet-signed requests: {@code personal_sign} (EIP-191) by the account's key over {@code
 * "Pixie DEX API\n" + method + "\n" + path + "\n" + query + "\n" + timestamp}. A request is fresh
 * for {@code windowMillis} either side of the node's clock, and each signed message is accepted
 * once: the messages seen are kept for twice the window, so a replay is refused for as long as its
 * timestamp is acceptable. Nothing secret is stored.
 */
final class RequestAuth {
  static final String HEADER_ADDRESS = "X-Pixie-Address";
  static final String HEADER_TIMESTAMP = "X-Pixie-Timestamp";
  static final String HEADER_SIGNATURE = "X-Pixie-Signature";
  static final String PREFIX = "Pixie DEX API";

  private final long windowMillis;
  private final int maxRemembered;
  private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();

  RequestAuth(long windowMillis, int maxRemembered) {
    this.windowMillis = windowMillis;
    this.maxRemembered = maxRemembered;
  }

  long windowMillis() {
    return windowMillis;
  }

  /** The message a client signs. */
  static String message(String method, String path, String query, long timestamp) {
    return PREFIX
        + "\n"
        + method
        + "\n"
        + path
        + "\n"
        + (query == null ? "" : query)
        + "\n"
        + timestamp;
  }

  /** The EIP-191 digest of a personal message. */
  static byte[] personalDigest(String message) {
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    byte[] prefix =
        ("\u0019Ethereum Signed Message:\n" + m.length).getBytes(StandardCharsets.UTF_8);
    return Hashes.keccak256(prefix, m);
  }

  /**
   * Returns the lower-case address that signed the request, or throws {@link ApiException} with the
   * reason it is refused.
   */
  String verify(
      String method,
      String path,
      String query,
      String address,
      String timestamp,
      String signature,
      long nowMillis) {
    if (address == null || timestamp == null || signature == null) {
      throw new ApiException(
          ApiError.AUTH_REQUIRED,
          "this endpoint needs the headers "
              + HEADER_ADDRESS
              + ", "
              + HEADER_TIMESTAMP
              + " and "
              + HEADER_SIGNATURE);
    }
    EthAddress claimed;
    try {
      claimed = EthAddress.parse(address);
    } catch (CryptoException | RuntimeException e) {
      throw new ApiException(ApiError.INVALID_SIGNATURE, HEADER_ADDRESS + " is not an address");
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new ApiException(
          ApiError.TIMESTAMP_OUTSIDE_WINDOW, HEADER_TIMESTAMP + " is not Unix milliseconds");
    }
    if (Math.abs(nowMillis - ts) > windowMillis) {
      throw new ApiException(
          ApiError.TIMESTAMP_OUTSIDE_WINDOW,
          "timestamp is more than " + windowMillis / 1000 + " s from the node's clock");
    }
    String message = message(method, path, query, ts);
    byte[] digest = personalDigest(message);
    EthAddress signer;
    try {
      String hex = signature.startsWith("0x") ? signature.substring(2) : signature;
      EcdsaSignature sig = EcdsaSignature.fromBytes65(Hex.decode(hex));
      if (!sig.isLowS()) {
        // The other s would verify too: accepting both would let a replay pass as new.
        throw new ApiException(ApiError.INVALID_SIGNATURE, "signature must have a low s");
      }
      signer = EthAddress.fromPublicKey(Secp256k1.recoverPublicKey(digest, sig));
    } catch (CryptoException | RuntimeException e) {
      if (e instanceof ApiException a) {
        throw a;
      }
      throw new ApiException(ApiError.INVALID_SIGNATURE, "signature is malformed");
    }
    if (!signer.equals(claimed)) {
      throw new ApiException(ApiError.INVALID_SIGNATURE, "signature is not by " + HEADER_ADDRESS);
    }
    String owner = claimed.toChecksumHex().toLowerCase(Locale.ROOT);
    remember(owner + ":" + Hex.toHexString(digest), nowMillis);
    return owner;
  }

  private void remember(String key, long nowMillis) {
    if (seen.size() >= maxRemembered) {
      seen.values().removeIf(expiry -> expiry < nowMillis);
      if (seen.size() >= maxRemembered) {
        throw new ApiException(
            ApiError.TOO_MANY_REQUESTS, "too many signed requests in flight; retry", 1);
      }
    }
    if (seen.putIfAbsent(key, nowMillis + 2 * windowMillis) != null) {
      throw new ApiException(
          ApiError.REPLAYED_REQUEST, "this signed request was already used; sign a new one");
    }
  }
}
