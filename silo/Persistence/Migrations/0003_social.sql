-- The social graph, posts, likes, notifications and what feeds need to find active readers.
-- Ids are UUIDv7 as 32 hex digits: text order is creation order.

CREATE TABLE follows (
    follower_id text        NOT NULL,
    followee_id text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
-- followers of X, newest first (lists, fan-out); following of X newest first (lists)
CREATE INDEX ix_follows_followee ON follows (followee_id, created_at DESC, follower_id);
CREATE INDEX ix_follows_follower ON follows (follower_id, created_at DESC, followee_id);

CREATE TABLE blocks (
    blocker_id text        NOT NULL,
    blocked_id text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX ix_blocks_blocked ON blocks (blocked_id, blocker_id);

CREATE TABLE mutes (
    muter_id   text        NOT NULL,
    muted_id   text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (muter_id, muted_id)
);

CREATE TABLE posts (
    post_id      text COLLATE "C" PRIMARY KEY,
    author_id    text        NOT NULL,
    text         text        NOT NULL,
    hashtags     text[]      NOT NULL DEFAULT '{}',
    mentions     text[]      NOT NULL DEFAULT '{}',   -- mentioned handles (handles never change)
    media_ids    text[]      NOT NULL DEFAULT '{}',
    reply_to_id  text COLLATE "C",
    repost_of_id text COLLATE "C",
    created_at   timestamptz NOT NULL,
    edited_at    timestamptz,
    deleted_at   timestamptz,
    like_count   integer     NOT NULL DEFAULT 0,
    reply_count  integer     NOT NULL DEFAULT 0,
    repost_count integer     NOT NULL DEFAULT 0
);
-- a user's posts newest first; timeline rebuilds (posts of the accounts one follows)
CREATE INDEX ix_posts_author ON posts (author_id, post_id DESC) WHERE deleted_at IS NULL;
-- replies to a post, oldest first
CREATE INDEX ix_posts_replies ON posts (reply_to_id, post_id) WHERE deleted_at IS NULL AND reply_to_id IS NOT NULL;
-- one live repost per user and post
CREATE UNIQUE INDEX ux_posts_repost ON posts (author_id, repost_of_id) WHERE deleted_at IS NULL AND repost_of_id IS NOT NULL;
-- recent original posts (explore)
CREATE INDEX ix_posts_recent ON posts (post_id DESC) WHERE deleted_at IS NULL AND reply_to_id IS NULL AND repost_of_id IS NULL;

CREATE TABLE likes (
    post_id    text COLLATE "C" NOT NULL,
    user_id    text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
-- "did I like these?" and "what did the people I follow like lately?"
CREATE INDEX ix_likes_user ON likes (user_id, created_at DESC, post_id);

CREATE TABLE notifications (
    notification_id text COLLATE "C" PRIMARY KEY,
    user_id         text        NOT NULL,
    type            text        NOT NULL,
    actor_id        text        NOT NULL,
    post_id         text,
    created_at      timestamptz NOT NULL,
    read_at         timestamptz
);
CREATE INDEX ix_notifications_user ON notifications (user_id, notification_id DESC);
CREATE INDEX ix_notifications_unread ON notifications (user_id, notification_id) WHERE read_at IS NULL;

-- When each user last read a feed (written at most once per interval): fan-out pushes only to
-- followers active recently; the others rebuild their timeline from the tables when they return.
CREATE TABLE user_activity (
    user_id        text        PRIMARY KEY,
    last_active_at timestamptz NOT NULL
);
CREATE INDEX ix_user_activity_recent ON user_activity (last_active_at DESC);

-- Accounts with so many followers that their posts are merged in at read time instead of pushed.
CREATE TABLE big_accounts (
    user_id    text        PRIMARY KEY,
    since      timestamptz NOT NULL
);
