-- Admin API: the audit log of every change made through it, and the policies (model access and
-- limits) set on organizations, teams, users and keys. Portable SQL for SQLite and PostgreSQL.

-- One row per change. Ids sort by time (see AuditLog), so paging by id pages by time. No
-- foreign keys: entries outlive the objects and people they name.
CREATE TABLE audit_log (
    id            TEXT   NOT NULL PRIMARY KEY,
    time          BIGINT NOT NULL,
    actor_user_id TEXT,
    actor_key_id  TEXT,
    action        TEXT   NOT NULL,
    object_type   TEXT   NOT NULL,
    object_id     TEXT   NOT NULL,
    org_id        TEXT,
    changes       TEXT   NOT NULL
);

CREATE INDEX audit_log_org ON audit_log (org_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);

-- The policy of one organization, team, user or key, as the JSON of the admin API's Policy
-- (model allow and deny lists, limits with per-model overrides). Removed with its target.
CREATE TABLE policies (
    target_type TEXT   NOT NULL CHECK (target_type IN ('org', 'team', 'user', 'key')),
    target_id   TEXT   NOT NULL,
    policy      TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (target_type, target_id)
);
