-- The search change feed: every change to a searchable row leaves a row here in the same
-- transaction (so no change can be lost), and each node tails it from the position stored in
-- its own index. A row says only "this entity changed": the node re-reads the entity's current
-- state, so replaying a row twice is harmless.
CREATE TABLE search_changes (
    position    bigserial    PRIMARY KEY,
    kind        text         NOT NULL,           -- 'post' | 'user'
    entity_id   text         NOT NULL,
    changed_at  timestamptz  NOT NULL DEFAULT clock_timestamp()
);
-- pruning old rows, and finding where a fresh index should start tailing
CREATE INDEX ix_search_changes_time ON search_changes (changed_at);

CREATE FUNCTION search_change_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (kind, entity_id) VALUES ('post', COALESCE(NEW.post_id, OLD.post_id));
    -- A nudge so nodes pick the change up at once rather than at their next poll.
    PERFORM pg_notify('search_changes', '');
    RETURN NULL;
END $$;

CREATE FUNCTION search_change_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (kind, entity_id) VALUES ('user', COALESCE(NEW.user_id, OLD.user_id));
    PERFORM pg_notify('search_changes', '');
    RETURN NULL;
END $$;

-- Counts (likes, replies) are not searched on, so their updates do not feed the index.
CREATE TRIGGER posts_search_change AFTER INSERT OR DELETE OR UPDATE OF text, hashtags, edited_at, deleted_at ON posts
    FOR EACH ROW EXECUTE FUNCTION search_change_post();
CREATE TRIGGER users_search_change AFTER INSERT OR DELETE OR UPDATE OF handle, display_name, university, major ON users
    FOR EACH ROW EXECUTE FUNCTION search_change_user();
