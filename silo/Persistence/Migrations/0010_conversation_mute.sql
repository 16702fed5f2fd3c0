-- API.md "Chat essentials": a member mutes a conversation until a time (or "forever", stored as
-- 9999-12-31): no pushes, not counted in the unread badge, messages still delivered.
ALTER TABLE conversation_members ADD COLUMN muted_until timestamptz;
