-- DX ナビ on PostgreSQL: the same records as the lowdb files, one table each.
-- Times are kept twice where the Store hands back exactly what it was given: `at` (timestamptz)
-- for periods, ordering and retention, `at_text` for the caller's own ISO string.

-- webhookEventId → when it was claimed: a redelivery within the TTL is not answered again.
CREATE TABLE event_claims (
  event_id   text PRIMARY KEY,
  claimed_at timestamptz NOT NULL
);
CREATE INDEX event_claims_claimed_at ON event_claims (claimed_at);

-- Each person's chosen city, by salted hash of their LINE id (never the id itself).
CREATE TABLE municipalities (
  user_key     text PRIMARY KEY,
  municipality text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per question received and what the bot did with it.
CREATE TABLE conversation_logs (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL,
  at_text      text NOT NULL,
  user_key     text NOT NULL,
  source_type  text NOT NULL,
  text         text NOT NULL,
  intent       text NOT NULL,
  answered     boolean NOT NULL,
  entry_id     text,
  municipality text,
  event_id     text UNIQUE
);
CREATE INDEX conversation_logs_at ON conversation_logs (at);

-- 役に立った / 役に立たなかった on an answer.
CREATE TABLE feedback (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL,
  at_text  text NOT NULL,
  user_key text NOT NULL,
  entry_id text NOT NULL,
  helpful  boolean NOT NULL,
  query    text,
  event_id text UNIQUE
);
CREATE INDEX feedback_at ON feedback (at);

-- The durable inbox: every verified event is stored here before LINE gets its 200, leased to the
-- process handling it, and finished once handled. An unfinished event whose lease ran out belongs
-- to a process that died and is taken over by another (FOR UPDATE SKIP LOCKED). The payload
-- (which holds what the person typed) is dropped when the event is finished; the row stays for
-- the claim TTL so that a redelivery is recognised.
CREATE TABLE inbox (
  event_id    text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  payload     jsonb,
  owner       text,
  lease_until timestamptz,
  finished_at timestamptz,
  outcome     text
);
CREATE INDEX inbox_unfinished ON inbox (lease_until) WHERE finished_at IS NULL;
CREATE INDEX inbox_received_at ON inbox (received_at);

-- Knowledge edits made on /admin: every instance applies them (announced by NOTIFY) and a
-- restarted one replays them, until they are committed to knowledge/ in the repository.
CREATE TABLE knowledge_edits (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  file     text NOT NULL,
  edit     jsonb NOT NULL,
  instance text NOT NULL
);
