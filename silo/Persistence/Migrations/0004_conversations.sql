-- Conversations and their messages. A conversation grain is the single writer of its rows.

CREATE TABLE conversations (
    conversation_id text COLLATE "C" PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('direct', 'group')),
    title           text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    last_seq        bigint      NOT NULL DEFAULT 0
);

-- Current and past members; a member who left has left_at set. Read positions live here.
CREATE TABLE conversation_members (
    conversation_id text COLLATE "C" NOT NULL REFERENCES conversations (conversation_id),
    user_id         text        NOT NULL,
    is_admin        boolean     NOT NULL DEFAULT false,
    joined_at       timestamptz NOT NULL,
    left_at         timestamptz,
    delivered_seq   bigint      NOT NULL DEFAULT 0,
    read_seq        bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
-- "my conversations"
CREATE INDEX ix_conversation_members_user ON conversation_members (user_id, conversation_id) WHERE left_at IS NULL;

CREATE TABLE messages (
    conversation_id   text COLLATE "C" NOT NULL,
    seq               bigint      NOT NULL,
    message_id        text COLLATE "C" NOT NULL,
    sender_id         text        NOT NULL,
    client_message_id text        NOT NULL,
    text              text        NOT NULL,
    sent_at           timestamptz NOT NULL,
    edited_at         timestamptz,
    deleted           boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (conversation_id, seq)
);
-- a retried send finds the original
CREATE UNIQUE INDEX ux_messages_client_id ON messages (conversation_id, sender_id, client_message_id);
CREATE UNIQUE INDEX ux_messages_id ON messages (message_id);
