-- Uploaded images. The files live in the media store (Media:Path), named by the SHA-256 of
-- their bytes, so identical bytes are stored once and several rows may share a file; a file is
-- deleted only when no row names it any more (under an advisory lock per file, see MediaTable).
CREATE TABLE media (
    media_id      text         PRIMARY KEY,
    owner_id      text         NOT NULL,
    file_key      text         NOT NULL,     -- the re-encoded original
    content_type  text         NOT NULL,
    width         integer      NOT NULL,
    height        integer      NOT NULL,
    bytes         bigint       NOT NULL,
    feed_key      text         NOT NULL,     -- the feed-sized variant
    feed_width    integer      NOT NULL,
    feed_height   integer      NOT NULL,
    feed_bytes    bigint       NOT NULL,
    created_at    timestamptz  NOT NULL,
    attached_to   text         NULL,         -- 'post:<id>' or 'avatar:<user id>'; NULL: not used yet
    released_at   timestamptz  NULL          -- set when its post is deleted or the avatar replaced
);
-- the janitor: never-attached uploads by age, and released ones
CREATE INDEX ix_media_unattached ON media (created_at) WHERE attached_to IS NULL;
CREATE INDEX ix_media_released ON media (released_at) WHERE released_at IS NOT NULL;
-- "does any row still name this file?" before a file is deleted
CREATE INDEX ix_media_file_key ON media (file_key);
CREATE INDEX ix_media_feed_key ON media (feed_key);
