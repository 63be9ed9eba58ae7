package io.txnchain.apps.kv;

/** The kv app's state-key layout; see {@link KvApp} for the description. */
final class Keys {
  static final byte META = 'm';
  static final byte VALUE = 'v';

  private Keys() {}

  static byte[] meta(byte[] key) {
    return tagged(META, key);
  }

  static byte[] value(byte[] key) {
    return tagged(VALUE, key);
  }

  /** The user key inside a state key. */
  static byte[] userKey(byte[] stateKey) {
    byte[] key = new byte[stateKey.length - 1];
    System.arraycopy(stateKey, 1, key, 0, key.length);
    return key;
  }

  private static byte[] tagged(byte tag, byte[] key) {
    byte[] out = new byte[key.length + 1];
    out[0] = tag;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }
}
