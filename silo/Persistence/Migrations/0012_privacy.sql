-- API.md "Privacy and account control": follow requests to locked accounts, post audiences,
-- bookmarks and edit history.

-- A request to follow a locked account, until the account approves (a follow), rejects or the
-- requester cancels. Listed for the account, newest first; found by requester to cancel.
CREATE TABLE follow_requests (
    target_id    text        NOT NULL,
    requester_id text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (target_id, requester_id)
);
CREATE INDEX ix_follow_requests_target ON follow_requests (target_id, created_at DESC, requester_id);
CREATE INDEX ix_follow_requests_requester ON follow_requests (requester_id);

-- Who may see the post: public, campus (the author's university), followers.
ALTER TABLE posts ADD COLUMN audience text NOT NULL DEFAULT 'public';

-- Private bookmarks, newest first.
CREATE TABLE bookmarks (
    user_id    text        NOT NULL,
    post_id    text COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, post_id)
);
CREATE INDEX ix_bookmarks_user ON bookmarks (user_id, created_at DESC, post_id);
CREATE INDEX ix_bookmarks_post ON bookmarks (post_id);

-- Every earlier text of an edited post, with when it was replaced.
CREATE TABLE post_edits (
    post_id   text COLLATE "C" NOT NULL,
    edited_at timestamptz NOT NULL,
    text      text        NOT NULL,
    PRIMARY KEY (post_id, edited_at)
);
