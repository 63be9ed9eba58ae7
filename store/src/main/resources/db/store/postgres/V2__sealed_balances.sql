-- The latest balances snapshot the DEX published for each owner, sealed to the owner's view key.
-- The box is ciphertext the store never opens (docs/store.md).

CREATE TABLE sealed_balances (
  owner       TEXT   PRIMARY KEY,
  height      BIGINT NOT NULL,
  time_millis BIGINT NOT NULL,
  tx_id       TEXT   NOT NULL,
  box         BYTEA  NOT NULL
);
