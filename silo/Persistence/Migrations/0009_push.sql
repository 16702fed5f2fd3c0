-- Web Push (API.md "Push notifications"): devices, preferences, and the outbox every node sends from.
CREATE TABLE push_subscriptions (
    subscription_id text COLLATE "C" PRIMARY KEY,
    user_id         text COLLATE "C" NOT NULL,
    endpoint        text         NOT NULL UNIQUE,   -- the same browser again updates its row
    p256dh          text         NOT NULL,
    auth            text         NOT NULL,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);
CREATE INDEX push_subscriptions_by_user ON push_subscriptions (user_id, updated_at);

CREATE TABLE push_preferences (
    user_id     text COLLATE "C" PRIMARY KEY,
    alerts      jsonb        NOT NULL,
    quiet_start time,
    quiet_end   time,
    time_zone   text
);

-- One row per push and device. due_at is when it may be sent next: a node claims a row by moving
-- due_at past its lease, so a crashed node's claims come due again; a sent row is deleted.
CREATE TABLE push_outbox (
    push_id         bigserial    PRIMARY KEY,
    subscription_id text COLLATE "C" NOT NULL REFERENCES push_subscriptions (subscription_id) ON DELETE CASCADE,
    payload         text         NOT NULL,
    topic           text,
    urgency         text         NOT NULL,
    ttl_seconds     integer      NOT NULL,
    due_at          timestamptz  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL
);
CREATE INDEX push_outbox_due ON push_outbox (due_at);
CREATE INDEX push_outbox_by_subscription ON push_outbox (subscription_id);
