-- Debugging your own integration: every request made with an app's credentials (the request
-- log, newest kept, bounded per app), the start of what a webhook receiver answered, and an
-- order in which events are streamed.

CREATE TABLE request_logs (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  app_id TEXT COLLATE "C" NOT NULL,
  request_id TEXT COLLATE "C" NOT NULL,
  at BIGINT NOT NULL,
  method TEXT NOT NULL,
  path TEXT COLLATE "C" NOT NULL,
  status INTEGER NOT NULL,
  sub_code TEXT,
  duration_ms INTEGER NOT NULL,
  origin TEXT NOT NULL,
  request TEXT NOT NULL,
  response_content_type TEXT,
  response_body TEXT,
  response_truncated INTEGER NOT NULL
);
CREATE INDEX request_logs_by_app ON request_logs (app_id, seq);
CREATE INDEX request_logs_by_time ON request_logs (at);

ALTER TABLE event_attempts ADD COLUMN response_excerpt TEXT;

ALTER TABLE events ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX events_stream ON events (merchant_id, seq);
