-- The order-book store: a projection of the DEX's public ledger events (docs/store.md).
-- Amounts are the markets' fixed-point integers; owners are lower-case 0x addresses.

CREATE TABLE projection_cursor (
  id     INT PRIMARY KEY CHECK (id = 1),
  height BIGINT NOT NULL
);
INSERT INTO projection_cursor (id, height) VALUES (1, 0);

CREATE TABLE markets (
  symbol        TEXT PRIMARY KEY,
  last_sequence BIGINT NOT NULL,
  last_price    BIGINT NOT NULL
);

CREATE TABLE book_levels (
  market   TEXT   NOT NULL,
  side     TEXT   NOT NULL,
  price    BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  PRIMARY KEY (market, side, price)
);

CREATE TABLE orders (
  order_id          BIGINT PRIMARY KEY,
  market            TEXT   NOT NULL,
  owner             TEXT   NOT NULL,
  side              TEXT   NOT NULL,
  price             BIGINT NOT NULL,
  resting_quantity  BIGINT NOT NULL,
  executed_quantity BIGINT NOT NULL,
  executed_quote    BIGINT NOT NULL,
  remaining         BIGINT NOT NULL,
  status            TEXT   NOT NULL,
  reason            TEXT   NOT NULL,
  tx_id             TEXT   NOT NULL,
  created_millis    BIGINT NOT NULL,
  updated_millis    BIGINT NOT NULL
);
CREATE INDEX orders_by_owner ON orders (owner, order_id DESC);
CREATE INDEX orders_open_by_owner ON orders (owner, order_id DESC)
  WHERE status IN ('open', 'partially_filled');

CREATE TABLE trades (
  market         TEXT   NOT NULL,
  sequence       BIGINT NOT NULL,
  trade_id       TEXT   NOT NULL,
  price          BIGINT NOT NULL,
  quantity       BIGINT NOT NULL,
  taker_side     TEXT   NOT NULL,
  maker_order_id BIGINT NOT NULL,
  taker_order_id BIGINT NOT NULL,
  maker_owner    TEXT   NOT NULL,
  taker_owner    TEXT   NOT NULL,
  maker_fee      BIGINT NOT NULL,
  taker_fee      BIGINT NOT NULL,
  time_millis    BIGINT NOT NULL,
  height         BIGINT NOT NULL,
  PRIMARY KEY (market, sequence)
);
CREATE INDEX trades_by_maker ON trades (maker_owner, height DESC, market, sequence DESC);
CREATE INDEX trades_by_taker ON trades (taker_owner, height DESC, market, sequence DESC);

CREATE TABLE candles (
  market       TEXT   NOT NULL,
  period       TEXT   NOT NULL,
  open_time    BIGINT NOT NULL,
  open         BIGINT NOT NULL,
  high         BIGINT NOT NULL,
  low          BIGINT NOT NULL,
  close        BIGINT NOT NULL,
  volume       BIGINT NOT NULL,
  quote_volume BIGINT NOT NULL,
  trades       BIGINT NOT NULL,
  PRIMARY KEY (market, period, open_time)
);
