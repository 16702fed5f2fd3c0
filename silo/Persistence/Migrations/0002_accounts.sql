-- Accounts: sessions with rotating refresh tokens, the security audit trail, and the user
-- directory (a projection of each user grain's public profile, for search and discovery).

-- One row per signed-in device ("refresh token family"). Revoking it ends every token issued in it.
CREATE TABLE auth_sessions (
    session_id    uuid         PRIMARY KEY,
    user_id       text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL,   -- absolute lifetime
    last_used_at  timestamptz  NOT NULL,
    revoked_at    timestamptz,
    revoke_reason text,
    user_agent    text,
    ip            inet
);
-- "my active sessions" and "revoke all my sessions"
CREATE INDEX ix_auth_sessions_user_active ON auth_sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens are stored only as SHA-256 hashes; each is spent by one rotation.
CREATE TABLE auth_refresh_tokens (
    token_hash      bytea        PRIMARY KEY,
    session_id      uuid         NOT NULL REFERENCES auth_sessions (session_id) ON DELETE CASCADE,
    issued_at       timestamptz  NOT NULL,
    idle_expires_at timestamptz  NOT NULL,
    spent_at        timestamptz
);
CREATE INDEX ix_auth_refresh_tokens_session ON auth_refresh_tokens (session_id);

CREATE TABLE audit_events (
    id          bigserial    PRIMARY KEY,
    occurred_at timestamptz  NOT NULL,
    event_type  text         NOT NULL,
    user_id     text,
    ip          inet,
    user_agent  text,
    details     jsonb        NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX ix_audit_events_user ON audit_events (user_id, occurred_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX ix_audit_events_type ON audit_events (event_type, occurred_at DESC);

-- Written only by the owning user grain, after its state is saved; rebuilt on its activation.
CREATE TABLE users (
    user_id          text         PRIMARY KEY,
    handle           text         NOT NULL,
    display_name     text         NOT NULL,
    university       text         NOT NULL,
    email_domain     text         NOT NULL,
    major            text,
    graduation_year  integer,
    email_verified   boolean      NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL
);
CREATE UNIQUE INDEX ux_users_handle ON users (handle);
CREATE INDEX ix_users_university ON users (university, created_at DESC);
