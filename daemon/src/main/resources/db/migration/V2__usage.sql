-- Usage: one append-only row per request, and hourly sums that reports and quotas read.
-- Rows carry ids but no foreign keys: writes stay cheap, and old events can be pruned
-- without touching identities.

CREATE TABLE usage_events (
    id                 TEXT    NOT NULL PRIMARY KEY,
    time               BIGINT  NOT NULL,
    key_id             TEXT    NOT NULL,
    org_id             TEXT    NOT NULL,
    team_id            TEXT,
    user_id            TEXT,
    service_account_id TEXT,
    model              TEXT    NOT NULL,
    deployment         TEXT    NOT NULL,
    endpoint           TEXT    NOT NULL,
    status             INTEGER NOT NULL,
    input_tokens       BIGINT  NOT NULL,
    output_tokens      BIGINT  NOT NULL,
    cached_tokens      BIGINT  NOT NULL,
    estimated          BOOLEAN NOT NULL,
    latency_ms         BIGINT  NOT NULL,
    first_token_ms     BIGINT,
    overhead_us        BIGINT  NOT NULL
);

CREATE INDEX usage_events_time ON usage_events (time);

-- Absent ids are stored as '' rather than NULL so that the primary key, and with it the
-- INSERT ... ON CONFLICT upsert, treats them as equal on every database.
CREATE TABLE usage_hourly (
    hour_start         BIGINT NOT NULL,
    org_id             TEXT   NOT NULL,
    team_id            TEXT   NOT NULL,
    user_id            TEXT   NOT NULL,
    service_account_id TEXT   NOT NULL,
    key_id             TEXT   NOT NULL,
    model              TEXT   NOT NULL,
    requests           BIGINT NOT NULL,
    errors             BIGINT NOT NULL,
    input_tokens       BIGINT NOT NULL,
    output_tokens      BIGINT NOT NULL,
    cached_tokens      BIGINT NOT NULL,
    latency_ms         BIGINT NOT NULL,
    PRIMARY KEY (hour_start, org_id, team_id, user_id, service_account_id, key_id, model)
);
