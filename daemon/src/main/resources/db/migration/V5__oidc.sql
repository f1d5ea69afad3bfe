-- Single sign-on: a user is linked to one identity at the OpenID Connect provider by issuer and
-- subject, and what sign-in granted is marked, so that it takes back only what it gave and never
-- what an admin or `aqueduct bootstrap` set by hand. Portable SQL for SQLite and PostgreSQL;
-- SQLite cannot add a UNIQUE constraint with ALTER TABLE, so a unique index does it (both allow
-- any number of rows without an identity, as NULLs are distinct).

ALTER TABLE users ADD COLUMN oidc_issuer TEXT;
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
ALTER TABLE users ADD COLUMN admin_from_sign_in BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT;

CREATE UNIQUE INDEX users_oidc_identity ON users (oidc_issuer, oidc_subject);

ALTER TABLE org_members ADD COLUMN from_sign_in BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE team_members ADD COLUMN from_sign_in BOOLEAN NOT NULL DEFAULT FALSE;
