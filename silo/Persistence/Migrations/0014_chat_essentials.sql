-- API.md "Chat essentials": replies, images, reactions and pins in messages, and message search.

-- A reply names the seq of the message it answers (in the same conversation); images are media
-- ids (the media rows say whose they are); a pinned message has when and by whom.
ALTER TABLE messages ADD COLUMN reply_to_seq bigint;
ALTER TABLE messages ADD COLUMN media_ids text[] NOT NULL DEFAULT '{}';
ALTER TABLE messages ADD COLUMN pinned_at timestamptz;
ALTER TABLE messages ADD COLUMN pinned_by text;
-- GET /conversations/{id}/pins, newest pin first
CREATE INDEX ix_messages_pinned ON messages (conversation_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;

-- One row per member, message and emoji; written only by the conversation's grain.
CREATE TABLE message_reactions (
    conversation_id text COLLATE "C" NOT NULL,
    seq             bigint      NOT NULL,
    emoji           text        NOT NULL,
    user_id         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, seq, emoji, user_id)
);
-- an erasure or export finds a user's reactions
CREATE INDEX ix_message_reactions_user ON message_reactions (user_id);

-- Message search: new, edited and deleted messages feed the search change feed. A statement-level
-- trigger writes one row per message and one NOTIFY per commit batch, so the group commit of
-- messages stays one multi-row insert (a row-level trigger would add a statement per message).
CREATE FUNCTION search_change_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (kind, entity_id) SELECT 'message', message_id FROM new_rows;
    PERFORM pg_notify('search_changes', '');
    RETURN NULL;
END $$;

CREATE FUNCTION search_change_messages_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (kind, entity_id)
        SELECT 'message', n.message_id FROM new_rows n JOIN old_rows o ON o.message_id = n.message_id
        WHERE n.text IS DISTINCT FROM o.text OR n.deleted IS DISTINCT FROM o.deleted;
    PERFORM pg_notify('search_changes', '');
    RETURN NULL;
END $$;

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_change_messages_inserted();
CREATE TRIGGER messages_search_update AFTER UPDATE ON messages
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_change_messages_updated();
