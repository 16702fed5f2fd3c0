-- A push is queued at most once per device and event: a message's pushes are queued again when its
-- send is retried after a crash between commit and queueing (the retry finds the stored message),
-- and the unique key makes that a no-op where the first attempt got through. A sent row stays as a
-- marker (sent_at, payload emptied) for two days — longer than the message push TTL, after which a
-- retried send no longer queues pushes — so a retry after sending cannot send again.
ALTER TABLE push_outbox ADD COLUMN event_key text COLLATE "C";
ALTER TABLE push_outbox ADD COLUMN sent_at timestamptz;
CREATE UNIQUE INDEX push_outbox_once ON push_outbox (subscription_id, event_key) WHERE event_key IS NOT NULL;
DROP INDEX push_outbox_due;
CREATE INDEX push_outbox_due ON push_outbox (due_at) WHERE sent_at IS NULL;
CREATE INDEX push_outbox_sent ON push_outbox (sent_at) WHERE sent_at IS NOT NULL;
