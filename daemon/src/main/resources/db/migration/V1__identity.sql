-- Identity: organizations, teams, users, memberships, service accounts and API keys.
-- Portable SQL for SQLite and PostgreSQL alike: TEXT ids made in Java, BIGINT epoch
-- milliseconds for times, BOOLEAN flags, no sequences.

CREATE TABLE organizations (
    id         TEXT   NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE teams (
    id         TEXT   NOT NULL PRIMARY KEY,
    org_id     TEXT   NOT NULL REFERENCES organizations (id),
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, name)
);

-- Emails are stored lower-cased, so the unique constraint is case-insensitive in effect.
CREATE TABLE users (
    id         TEXT    NOT NULL PRIMARY KEY,
    email      TEXT    NOT NULL UNIQUE,
    name       TEXT,
    is_admin   BOOLEAN NOT NULL DEFAULT FALSE,
    disabled   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT  NOT NULL
);

CREATE TABLE org_members (
    org_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('user', 'org_admin')),
    PRIMARY KEY (org_id, user_id)
);

CREATE INDEX org_members_user ON org_members (user_id);

CREATE TABLE team_members (
    team_id    TEXT    NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team_admin BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (team_id, user_id)
);

CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE service_accounts (
    id         TEXT   NOT NULL PRIMARY KEY,
    team_id    TEXT   NOT NULL REFERENCES teams (id),
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (team_id, name)
);

-- A key belongs to exactly one owner: a user, or a team's service account. Only the SHA-256
-- of the secret is kept; the prefix is the part of the secret that is safe to show.
CREATE TABLE api_keys (
    id                 TEXT   NOT NULL PRIMARY KEY,
    key_hash           TEXT   NOT NULL UNIQUE,
    prefix             TEXT   NOT NULL,
    name               TEXT   NOT NULL,
    scope              TEXT   NOT NULL CHECK (scope IN ('inference', 'management')),
    org_id             TEXT   NOT NULL REFERENCES organizations (id),
    team_id            TEXT   REFERENCES teams (id),
    user_id            TEXT   REFERENCES users (id),
    service_account_id TEXT   REFERENCES service_accounts (id),
    created_at         BIGINT NOT NULL,
    expires_at         BIGINT,
    revoked_at         BIGINT,
    last_used_at       BIGINT,
    CHECK ((user_id IS NOT NULL AND service_account_id IS NULL)
        OR (user_id IS NULL AND service_account_id IS NOT NULL AND team_id IS NOT NULL))
);

CREATE INDEX api_keys_prefix ON api_keys (prefix);
CREATE INDEX api_keys_user ON api_keys (user_id);
CREATE INDEX api_keys_service_account ON api_keys (service_account_id);
