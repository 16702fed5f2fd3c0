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
/// </summary>
public sealed class MessageWriter(NpgsqlDataSource database) : BackgroundService
{
    private const int MaxBatchesPerCommit = 256;

    private sealed record Batch(string ConversationId, IReadOnlyList<ChatStore.MessageRow> Messages)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Batch> _queue = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleReader = true });

    public async Task AppendAsync(string conversationId, IReadOnlyList<ChatStore.MessageRow> messages)
    {
        var batch = new Batch(conversationId, messages);
        await _queue.Writer.WriteAsync(batch);
        await batch.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WriteUntilStopped(stoppingToken);
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
                await CommitAsync(pending, stoppingToken);
                foreach (var batch in pending) batch.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var batch in pending) batch.Done.TrySetException(ex);
            }
        }
    }

    private async Task CommitAsync(List<Batch> batches, CancellationToken cancellation)
    {
        var messages = batches.SelectMany(b => b.Messages.Select(m => (b.ConversationId, Message: m))).ToList();
        var lastByConversation = batches.GroupBy(b => b.ConversationId).Select(g =>
        {
            var last = g.SelectMany(b => b.Messages).MaxBy(m => m.Seq)!;
            return (Id: g.Key, last.Seq, last.SentAt);
        }).ToList();
        var readBySender = messages.GroupBy(m => (m.ConversationId, m.Message.SenderId))
            .Select(g => (g.Key.ConversationId, g.Key.SenderId, Seq: g.Max(m => m.Message.Seq))).ToList();

        await using var connection = await database.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("""
            INSERT INTO messages (conversation_id, seq, message_id, sender_id, client_message_id, text, sent_at)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
            """,
            messages.Select(m => m.ConversationId).ToArray(), messages.Select(m => m.Message.Seq).ToArray(),
            messages.Select(m => m.Message.Id).ToArray(), messages.Select(m => m.Message.SenderId).ToArray(),
            messages.Select(m => m.Message.ClientMessageId).ToArray(), messages.Select(m => m.Message.Text).ToArray(),
            messages.Select(m => m.Message.SentAt).ToArray()));
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
        await transaction.CommitAsync(cancellation);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
