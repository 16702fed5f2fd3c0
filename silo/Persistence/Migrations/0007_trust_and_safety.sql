-- Trust and safety: reports and the moderator queue, decisions about users (with their appeals),
-- the moderators' audit log, personal keyword filters and server-wide keyword rules.

-- One row per report; the id is derived from reporter and subject, so a second filing is the same row.
CREATE TABLE reports (
    report_id        text COLLATE "C" PRIMARY KEY,
    university       text         NOT NULL,      -- the reported user's: whose moderators see it
    reporter_id      text,                       -- NULL when a keyword rule opened it
    rule_id          text,
    subject_kind     text         NOT NULL,
    subject_id       text         NOT NULL,
    reported_user_id text         NOT NULL,
    category         text         NOT NULL,
    comment          text         NOT NULL DEFAULT '',
    snapshot         jsonb        NOT NULL,      -- text and media as they were when reported
    status           text         NOT NULL,
    assignee_id      text,
    decision_id      text,
    created_at       timestamptz  NOT NULL,
    resolved_at      timestamptz
);
-- the queue: a university's reports by status, oldest first; and across universities for admins
CREATE INDEX ix_reports_queue ON reports (university, status, created_at, report_id);
CREATE INDEX ix_reports_status ON reports (status, created_at, report_id);
-- "other open reports about this user"
CREATE INDEX ix_reports_reported_user ON reports (reported_user_id, created_at) WHERE status <> 'resolved';

CREATE TABLE moderation_decisions (
    decision_id          text COLLATE "C" PRIMARY KEY,   -- time-sortable
    user_id              text         NOT NULL,
    university           text         NOT NULL,
    action               text         NOT NULL,
    reason               text         NOT NULL,
    until                timestamptz,
    report_id            text,
    moderator_id         text         NOT NULL,
    removed_kind         text,                           -- what content_removed took down, to restore it
    removed_id           text,
    created_at           timestamptz  NOT NULL,
    appeal_text          text,
    appeal_status        text,
    appealed_at          timestamptz,
    appeal_decided_at    timestamptz,
    appeal_moderator_id  text,
    appeal_reason        text
);
-- a user's decisions, newest first
CREATE INDEX ix_decisions_user ON moderation_decisions (user_id, decision_id DESC);
-- the appeals queue
CREATE INDEX ix_decisions_pending_appeals ON moderation_decisions (university, appealed_at) WHERE appeal_status = 'pending';

-- Every moderator and admin action: who, what, on what, why, when.
CREATE TABLE moderation_audit (
    audit_id      bigserial    PRIMARY KEY,
    moderator_id  text         NOT NULL,
    university    text         NOT NULL,   -- the target's university (moderators read their own)
    action        text         NOT NULL,
    target        text         NOT NULL,   -- 'user:<id>', 'report:<id>', 'decision:<id>', 'rule:<id>'
    reason        text         NOT NULL DEFAULT '',
    created_at    timestamptz  NOT NULL
);
CREATE INDEX ix_moderation_audit_university ON moderation_audit (university, audit_id DESC);

-- A moderation notification names its decision.
ALTER TABLE notifications ADD COLUMN decision_id text;

-- Server-wide keyword rules (admins): block at write time, or let through and open a report.
CREATE TABLE keyword_rules (
    rule_id     text COLLATE "C" PRIMARY KEY,
    phrase      text         NOT NULL,
    whole_word  boolean      NOT NULL,
    action      text         NOT NULL,   -- 'block' | 'report'
    created_by  text         NOT NULL,
    created_at  timestamptz  NOT NULL
);
