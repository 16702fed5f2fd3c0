-- Personal keyword filters (API.md "Trust and safety": GET/POST/DELETE /filters). Read whole,
-- by user, when that user's graph grain activates: the primary key serves that query.
CREATE TABLE keyword_filters (
    user_id     text COLLATE "C" NOT NULL,
    filter_id   text COLLATE "C" NOT NULL,
    phrase      text         NOT NULL,
    whole_word  boolean      NOT NULL,
    contexts    text[]       NOT NULL,
    action      text         NOT NULL,   -- 'hide' | 'warn'
    expires_at  timestamptz,
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (user_id, filter_id)
);
