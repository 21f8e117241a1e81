-- The sandbox's tables on PostgreSQL: what the SQLite file holds after its four versions, in
-- one step (a PostgreSQL database starts here). Times are epoch milliseconds, money is fen.
-- Ids and keys compare byte by byte (COLLATE "C"), as in SQLite, so keyset pages follow the
-- same order whatever the database's locale.

CREATE TABLE apps (
  app_id TEXT COLLATE "C" PRIMARY KEY,
  merchant_id TEXT COLLATE "C" NOT NULL UNIQUE,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  webhook_secret_sealed TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  previous_webhook_secret_sealed TEXT,
  previous_webhook_secret_expires_at BIGINT
);

CREATE TABLE tokens (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  app_id TEXT COLLATE "C" NOT NULL REFERENCES apps (app_id),
  merchant_id TEXT COLLATE "C" NOT NULL,
  scope TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE channels (
  channel_id TEXT COLLATE "C" PRIMARY KEY,
  merchant_id TEXT COLLATE "C" NOT NULL,
  provider TEXT NOT NULL,
  pay_ways TEXT NOT NULL,
  priority INTEGER NOT NULL,
  weight INTEGER NOT NULL,
  status TEXT NOT NULL,
  fee_rate_bps INTEGER NOT NULL,
  min_amount INTEGER NOT NULL,
  max_amount INTEGER,
  credentials_sealed TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX channels_by_merchant ON channels (merchant_id);

CREATE TABLE payments (
  order_id TEXT COLLATE "C" PRIMARY KEY,
  merchant_id TEXT COLLATE "C" NOT NULL,
  app_id TEXT COLLATE "C" NOT NULL,
  out_trade_no TEXT COLLATE "C",
  product_id TEXT NOT NULL,
  product_name TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  pay_way TEXT,
  channel_id TEXT COLLATE "C",
  status TEXT NOT NULL,
  memo TEXT,
  external_ext TEXT,
  notify_url TEXT,
  return_url TEXT,
  client_secret TEXT NOT NULL,
  failure_code TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  paid_at BIGINT,
  closed_at BIGINT,
  auto_result TEXT,
  auto_at BIGINT,
  fee INTEGER,
  close_reason TEXT,
  status_history TEXT NOT NULL DEFAULT '[]',
  channel_attempts TEXT NOT NULL DEFAULT '[]',
  -- The sum of succeeded refunds, and running totals of the refunds that have not failed (amount
  -- and fee): the refund ceiling is this one row, read under its lock.
  amount_refunded INTEGER NOT NULL DEFAULT 0,
  refund_reserved INTEGER NOT NULL DEFAULT 0,
  refund_fee_reserved INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX payments_out_trade_no ON payments (merchant_id, out_trade_no) WHERE out_trade_no IS NOT NULL;
CREATE INDEX payments_open ON payments (status, expires_at) WHERE status IN ('created', 'paying');
CREATE INDEX payments_auto ON payments (auto_at) WHERE status IN ('created', 'paying') AND auto_at IS NOT NULL;
CREATE INDEX payments_by_day ON payments (merchant_id, created_at);
CREATE INDEX payments_paid_by_day ON payments (merchant_id, paid_at) WHERE status = 'paid';

CREATE TABLE idempotency (
  merchant_id TEXT COLLATE "C" NOT NULL,
  key TEXT COLLATE "C" NOT NULL,
  request_hash TEXT NOT NULL,
  order_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  response_status INTEGER,
  response_body TEXT,
  PRIMARY KEY (merchant_id, key)
);
CREATE INDEX idempotency_expiry ON idempotency (expires_at);

CREATE TABLE events (
  event_id TEXT COLLATE "C" PRIMARY KEY,
  merchant_id TEXT COLLATE "C" NOT NULL,
  app_id TEXT COLLATE "C" NOT NULL,
  order_id TEXT COLLATE "C" NOT NULL,
  type TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  notify_url TEXT,
  status TEXT NOT NULL,
  attempt_count INTEGER NOT NULL,
  next_attempt_at BIGINT
);
CREATE INDEX events_due ON events (next_attempt_at) WHERE status = 'pending';
CREATE INDEX events_by_merchant ON events (merchant_id, created_at);
CREATE INDEX events_by_order ON events (order_id);

CREATE TABLE event_attempts (
  -- Insertion order breaks ties between attempts of the same millisecond (SQLite's rowid).
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id TEXT COLLATE "C" NOT NULL REFERENCES events (event_id),
  at BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  duration_ms INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX event_attempts_by_event ON event_attempts (event_id, at);

CREATE TABLE refunds (
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  refund_id TEXT COLLATE "C" PRIMARY KEY,
  merchant_id TEXT COLLATE "C" NOT NULL,
  app_id TEXT COLLATE "C" NOT NULL,
  order_id TEXT COLLATE "C" NOT NULL REFERENCES payments (order_id),
  out_refund_no TEXT COLLATE "C" NOT NULL,
  amount INTEGER NOT NULL,
  fee_refunded INTEGER NOT NULL,
  status TEXT NOT NULL,
  failure_code TEXT,
  reason TEXT,
  notify_url TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  succeeded_at BIGINT,
  due_at BIGINT NOT NULL,
  due_result TEXT NOT NULL,
  due_failure_code TEXT
);
CREATE UNIQUE INDEX refunds_out_refund_no ON refunds (merchant_id, out_refund_no);
CREATE INDEX refunds_by_order ON refunds (order_id, created_at);
CREATE INDEX refunds_due ON refunds (due_at) WHERE status = 'pending';
CREATE INDEX refunds_succeeded_by_day ON refunds (merchant_id, succeeded_at) WHERE status = 'succeeded';

-- Work several instances share. A lease names one holder of a periodic job (the sweeper) until
-- a time; rate windows count an app's (or an address's) requests across every instance. Both
-- are rebuilt within seconds if lost, so they skip the write-ahead log.
CREATE UNLOGGED TABLE leases (
  name TEXT COLLATE "C" PRIMARY KEY,
  holder TEXT NOT NULL,
  until BIGINT NOT NULL
);

CREATE UNLOGGED TABLE rate_windows (
  key TEXT COLLATE "C" PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL
);
