-- Trends count only what everyone may see: public posts of accounts that are not locked. The live
-- path always checked; the replay a trends grain runs when it activates read every recent post,
-- so campus and followers-only hashtags (and a locked account's) could show in trending after a
-- reactivation. The directory row now says whether the account is locked (written by its grain,
-- like the rest of the row; an account locked before this migration is marked when its grain
-- next activates or saves).
ALTER TABLE users ADD COLUMN locked boolean NOT NULL DEFAULT false;
