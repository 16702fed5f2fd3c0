using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// Group commit across conversations: every conversation grain on this silo hands its batch of
/// new messages here, and one loop writes all batches waiting at that moment in a single
/// transaction. Durability (synchronous commit) is kept; the number of commits per second no
/// longer grows with the number of busy conversations. Each caller is answered only after the
/// commit that carries its messages; if that commit fails, every batch in it fails, unacknowledged.
/// <para>
/// Retries are weeded out here too, at no cost in the common case: rows go in with
/// ON CONFLICT DO NOTHING on (conversation, sender, client message id); only when a row was
/// skipped is the transaction rolled back, the duplicates looked up, and the batches that hold
/// them handed back uncommitted (with the stored originals) for their grain to renumber.
/// </para>
/// </summary>
public sealed class MessageWriter(NpgsqlDataSource database, ChitLaqMetrics metrics, TimeProvider clock) : BackgroundService
{
    private const int MaxBatchesPerCommit = 256;

    /// <summary>
    /// Commits in flight at once. With one, every batch that arrives during a commit waits for it
    /// to finish before its own starts; a few lanes keep the wait short while each commit still
    /// carries everything that queued up. Order is unaffected: a conversation has one flush in
    /// flight at a time.
    /// </summary>
    private const int Lanes = 4;

    private sealed record Batch(string ConversationId, IReadOnlyList<ChatStore.MessageRow> Messages)
    {
        public TaskCompletionSource<IReadOnlyList<ChatStore.MessageRow>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Batch> _queue = Channel.CreateUnbounded<Batch>();

    /// <summary>
    /// Commits the messages, or, when some of them were stored before (same sender and client
    /// message id), commits none of them and returns the stored originals.
    /// </summary>
    public async Task<IReadOnlyList<ChatStore.MessageRow>> AppendAsync(string conversationId, IReadOnlyList<ChatStore.MessageRow> messages)
    {
        var batch = new Batch(conversationId, messages);
        await _queue.Writer.WriteAsync(batch);
        return await batch.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Lanes).Select(_ => Task.Run(() => WriteUntilStopped(stoppingToken), stoppingToken)));
        }
        finally
        {
            // Shutting down: whatever was not committed is answered as failed, never left hanging.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetException(new OperationCanceledException("The node is shutting down."));
        }
    }

    private async Task WriteUntilStopped(CancellationToken stoppingToken)
    {
        var pending = new List<Batch>();
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            pending.Clear();
            while (pending.Count < MaxBatchesPerCommit && _queue.Reader.TryRead(out var batch)) pending.Add(batch);
            try
            {
                if (await TryCommitAsync(pending, stoppingToken)) Answer(pending, []);
                else await CommitAroundDuplicatesAsync(pending, stoppingToken);
            }
            catch (Exception ex)
            {
                foreach (var batch in pending) batch.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The rare path: hand back the batches holding retries, commit the others.</summary>
    private async Task CommitAroundDuplicatesAsync(List<Batch> batches, CancellationToken cancellation)
    {
        var stored = await StoredDuplicatesAsync(batches, cancellation);
        var clean = new List<Batch>();
        foreach (var batch in batches)
        {
            var keys = batch.Messages.Select(m => (m.SenderId, m.ClientMessageId)).ToHashSet();
            var originals = stored.GetValueOrDefault(batch.ConversationId)?.Where(r => keys.Contains((r.SenderId, r.ClientMessageId))).ToList();
            if (originals is { Count: > 0 }) batch.Done.TrySetResult(originals);
            else clean.Add(batch);
        }
        if (clean.Count == 0) return;
        // Each conversation grain is its conversation's only writer, so no new duplicate can appear in between.
        if (!await TryCommitAsync(clean, cancellation)) throw new InvalidOperationException("A message collided with a stored one that was not there a moment ago.");
        Answer(clean, []);
    }

    private static void Answer(List<Batch> batches, IReadOnlyList<ChatStore.MessageRow> duplicates)
    {
        foreach (var batch in batches) batch.Done.TrySetResult(duplicates);
    }

    /// <summary>Writes every batch in one transaction; false (and nothing written) when any message was stored before.</summary>
    private async Task<bool> TryCommitAsync(List<Batch> batches, CancellationToken cancellation)
    {
        var messages = batches.SelectMany(b => b.Messages.Select(m => (b.ConversationId, Message: m))).ToList();
        var lastByConversation = batches.GroupBy(b => b.ConversationId).Select(g =>
        {
            var last = g.SelectMany(b => b.Messages).MaxBy(m => m.Seq)!;
            return (Id: g.Key, last.Seq, last.SentAt);
        }).ToList();
        var readBySender = messages.GroupBy(m => (m.ConversationId, m.Message.SenderId))
            .Select(g => (g.Key.ConversationId, g.Key.SenderId, Seq: g.Max(m => m.Message.Seq))).ToList();

        var started = clock.GetTimestamp();
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = Command("""
            INSERT INTO messages (conversation_id, seq, message_id, sender_id, client_message_id, text, sent_at, reply_to_seq, media_ids)
            SELECT c, s, i, snd, cid, t, at, r, CASE WHEN m = '' THEN '{}'::text[] ELSE string_to_array(m, ',') END
            FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[], $9::text[])
                AS u(c, s, i, snd, cid, t, at, r, m)
            ON CONFLICT (conversation_id, sender_id, client_message_id) DO NOTHING
            """,
            messages.Select(m => m.ConversationId).ToArray(), messages.Select(m => m.Message.Seq).ToArray(),
            messages.Select(m => m.Message.Id).ToArray(), messages.Select(m => m.Message.SenderId).ToArray(),
            messages.Select(m => m.Message.ClientMessageId).ToArray(), messages.Select(m => m.Message.Text).ToArray(),
            messages.Select(m => m.Message.SentAt).ToArray(),
            // Media ids are hex: one comma-joined text per message (unnest cannot take a ragged array).
            messages.Select(m => m.Message.ReplyToSeq).ToArray(), messages.Select(m => string.Join(',', m.Message.Media)).ToArray());
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(Command("""
            UPDATE conversations c SET last_seq = u.seq, updated_at = u.at
            FROM unnest($1::text[], $2::bigint[], $3::timestamptz[]) AS u(id, seq, at) WHERE c.conversation_id = u.id
            """,
            lastByConversation.Select(l => l.Id).ToArray(), lastByConversation.Select(l => l.Seq).ToArray(), lastByConversation.Select(l => l.SentAt).ToArray()));
        // A sender has read and received what they sent.
        batch.BatchCommands.Add(Command("""
            UPDATE conversation_members c SET read_seq = GREATEST(c.read_seq, s.seq), delivered_seq = GREATEST(c.delivered_seq, s.seq)
            FROM unnest($1::text[], $2::text[], $3::bigint[]) AS s(conversation_id, user_id, seq)
            WHERE c.conversation_id = s.conversation_id AND c.user_id = s.user_id
            """,
            readBySender.Select(r => r.ConversationId).ToArray(), readBySender.Select(r => r.SenderId).ToArray(), readBySender.Select(r => r.Seq).ToArray()));
        await batch.ExecuteNonQueryAsync(cancellation);
        if (insert.RecordsAffected != messages.Count)
        {
            await transaction.RollbackAsync(cancellation);
            return false;
        }
        await transaction.CommitAsync(cancellation);
        metrics.MessagesSent.Add(messages.Count);
        metrics.MessageCommitDuration.Record(clock.GetElapsedTime(started).TotalSeconds);
        return true;
    }

    private async Task<Dictionary<string, List<ChatStore.MessageRow>>> StoredDuplicatesAsync(List<Batch> batches, CancellationToken cancellation)
    {
        var keys = batches.SelectMany(b => b.Messages.Select(m => (b.ConversationId, m.SenderId, m.ClientMessageId))).ToList();
        await using var command = database.CreateCommand($"""
            SELECT m.conversation_id, {ChatStore.MessageColumnsOf("m")}
            FROM messages m JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(conversation_id, sender_id, client_message_id)
              ON m.conversation_id = k.conversation_id AND m.sender_id = k.sender_id AND m.client_message_id = k.client_message_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.ConversationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.SenderId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.ClientMessageId).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var found = new Dictionary<string, List<ChatStore.MessageRow>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellation))
        {
            var conversationId = reader.GetString(0);
            if (!found.TryGetValue(conversationId, out var rows)) found[conversationId] = rows = [];
            rows.Add(ChatStore.ReadMessage(reader, 1));
        }
        return found;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
