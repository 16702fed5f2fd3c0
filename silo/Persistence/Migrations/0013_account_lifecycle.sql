-- API.md "Privacy and account control": data exports and account deletion. Both are durable
-- jobs that every node claims from (a claim moves due_at past a lease), so a node that dies in
-- the middle of one leaves it to come due again for any node.

CREATE TABLE data_exports (
    export_id    text COLLATE "C" PRIMARY KEY,   -- UUIDv7 hex: sorts by request time
    user_id      text        NOT NULL,
    requested_at timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('pending', 'ready', 'failed', 'expired')),
    due_at       timestamptz NOT NULL,           -- when a node may (again) work on a pending export
    attempts     integer     NOT NULL DEFAULT 0,
    ready_at     timestamptz,
    expires_at   timestamptz,
    bytes        bigint,
    archive_key  text                            -- the archive in the export store while it is ready
);
-- "my exports, newest first" and "when did I last ask" (one a day)
CREATE INDEX ix_data_exports_user ON data_exports (user_id, export_id DESC);
-- the builders' claim
CREATE INDEX ix_data_exports_due ON data_exports (due_at) WHERE status = 'pending';
-- the janitor: archives past their download period
CREATE INDEX ix_data_exports_expiring ON data_exports (expires_at) WHERE status = 'ready';

CREATE TABLE account_deletions (
    user_id      text        PRIMARY KEY,
    requested_at timestamptz NOT NULL,
    erase_at     timestamptz NOT NULL,           -- the end of the grace period
    due_at       timestamptz NOT NULL,           -- erase_at, then the claims' leases
    step         integer     NOT NULL DEFAULT 0, -- the erasure steps done so far (each is idempotent)
    attempts     integer     NOT NULL DEFAULT 0,
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX ix_account_deletions_due ON account_deletions (due_at) WHERE finished_at IS NULL;

-- What an erasure (and an export) looks up by user that no index served yet.
CREATE INDEX ix_mutes_muted ON mutes (muted_id);
CREATE INDEX ix_notifications_actor ON notifications (actor_id);
CREATE INDEX ix_media_owner ON media (owner_id);
-- deleted posts still hold their text until the author's account is erased
CREATE INDEX ix_posts_author_deleted ON posts (author_id) WHERE deleted_at IS NOT NULL;
-- every session, revoked ones too
CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id);
-- every conversation a user was ever in (their messages are found through it and the
-- (conversation, sender) index of messages)
CREATE INDEX ix_conversation_members_user_all ON conversation_members (user_id);
