using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Chat;

/// <summary>SQL of conversations, members and messages; only the owning conversation grain writes.</summary>
public sealed class ChatStore(NpgsqlDataSource database)
{
    public sealed record ConversationRow(string Id, string Kind, string? Title, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long LastSeq);
    public sealed record MemberRow(string UserId, bool IsAdmin, DateTimeOffset JoinedAt, long DeliveredSeq, long ReadSeq, DateTimeOffset? MutedUntil = null);
    public sealed record MessageRow(string Id, long Seq, string SenderId, string ClientMessageId, string Text, DateTimeOffset SentAt, DateTimeOffset? EditedAt, bool Deleted,
        long? ReplyToSeq = null, IReadOnlyList<string>? MediaIds = null, DateTimeOffset? PinnedAt = null)
    {
        public IReadOnlyList<string> Media => MediaIds ?? [];
    }

    /// <summary>The columns <see cref="ReadMessage"/> reads, in its order.</summary>
    internal const string MessageColumns = "message_id, seq, sender_id, client_message_id, text, sent_at, edited_at, deleted, reply_to_seq, media_ids, pinned_at";

    /// <summary>The same columns of a table aliased <paramref name="alias"/>.</summary>
    internal static string MessageColumnsOf(string alias) => string.Join(", ", MessageColumns.Split(", ").Select(column => alias + "." + column));

    public async Task<(ConversationRow Conversation, List<MemberRow> Members)?> LoadAsync(string conversationId)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT conversation_id, kind, title, created_by, created_at, updated_at, last_seq FROM conversations WHERE conversation_id = $1", conversationId));
        batch.BatchCommands.Add(Command("SELECT user_id, is_admin, joined_at, delivered_seq, read_seq, muted_until FROM conversation_members WHERE conversation_id = $1 AND left_at IS NULL ORDER BY joined_at", conversationId));
        await using var reader = await batch.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        var conversation = new ConversationRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6));
        await reader.NextResultAsync();
        var members = new List<MemberRow>();
        while (await reader.ReadAsync())
            members.Add(new MemberRow(reader.GetString(0), reader.GetBoolean(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        return (conversation, members);
    }

    public async Task CreateAsync(ConversationRow conversation, IReadOnlyList<MemberRow> members)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO conversations (conversation_id, kind, title, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)", connection, transaction))
        {
            Add(insert, conversation.Id, conversation.Kind, (object?)conversation.Title ?? DBNull.Value, conversation.CreatedBy, conversation.CreatedAt);
            await insert.ExecuteNonQueryAsync();
        }
        await UpsertMembersAsync(connection, transaction, conversation.Id, members);
        await transaction.CommitAsync();
    }

    public async Task AddMembersAsync(string conversationId, IReadOnlyList<MemberRow> members, DateTimeOffset at)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await UpsertMembersAsync(connection, transaction, conversationId, members);
        await Execute(connection, transaction, "UPDATE conversations SET updated_at = $2 WHERE conversation_id = $1", conversationId, at);
        await transaction.CommitAsync();
    }

    public Task RemoveMemberAsync(string conversationId, string userId, DateTimeOffset at) =>
        ExecuteAsync("UPDATE conversation_members SET left_at = $3, is_admin = false WHERE conversation_id = $1 AND user_id = $2", conversationId, userId, at);

    public Task SetAdminAsync(string conversationId, string userId) =>
        ExecuteAsync("UPDATE conversation_members SET is_admin = true WHERE conversation_id = $1 AND user_id = $2", conversationId, userId);

    public Task RenameAsync(string conversationId, string title, DateTimeOffset at) =>
        ExecuteAsync("UPDATE conversations SET title = $2, updated_at = $3 WHERE conversation_id = $1", conversationId, title, at);

    /// <summary>Of these (sender, client id) pairs, the messages that already exist.</summary>
    public async Task<List<MessageRow>> PageAsync(string conversationId, long? beforeSeq, long? afterSeq, int limit)
    {
        // Either way the page comes back in seq order: "after" reads forward, "before" (or neither) reads back from the end.
        var ascending = afterSeq is not null;
        await using var command = database.CreateCommand(afterSeq is not null
            ? $"SELECT {MessageColumns} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
            : $"SELECT {MessageColumns} FROM messages WHERE conversation_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3");
        Add(command, conversationId, afterSeq ?? beforeSeq ?? long.MaxValue, limit);
        var rows = await ReadMessages(command);
        if (!ascending) rows.Reverse();
        return rows;
    }

    public async Task<MessageRow?> FindAsync(string conversationId, string messageId)
    {
        await using var command = database.CreateCommand($"SELECT {MessageColumns} FROM messages WHERE conversation_id = $1 AND message_id = $2");
        Add(command, conversationId, messageId);
        return (await ReadMessages(command)).SingleOrDefault();
    }

    /// <summary>The messages with these seqs (the ones replies quote), in seq order.</summary>
    public async Task<List<MessageRow>> BySeqsAsync(string conversationId, IReadOnlyList<long> seqs)
    {
        await using var command = database.CreateCommand($"SELECT {MessageColumns} FROM messages WHERE conversation_id = $1 AND seq = ANY($2) ORDER BY seq");
        Add(command, conversationId, seqs.ToArray());
        return await ReadMessages(command);
    }

    public async Task<List<MessageRow>> ByIdsAsync(string conversationId, IReadOnlyList<string> messageIds)
    {
        await using var command = database.CreateCommand($"SELECT {MessageColumns} FROM messages WHERE conversation_id = $1 AND message_id = ANY($2) ORDER BY seq");
        Add(command, conversationId, messageIds.ToArray());
        return await ReadMessages(command);
    }

    /// <summary>The pinned messages, newest pin first.</summary>
    public async Task<List<MessageRow>> PinnedAsync(string conversationId, int limit)
    {
        await using var command = database.CreateCommand(
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = $1 AND pinned_at IS NOT NULL ORDER BY pinned_at DESC LIMIT $2");
        Add(command, conversationId, limit);
        return await ReadMessages(command);
    }

    public async Task SetPinnedAsync(string conversationId, long seq, DateTimeOffset? at, string? by)
    {
        await using var command = database.CreateCommand("UPDATE messages SET pinned_at = $3, pinned_by = $4 WHERE conversation_id = $1 AND seq = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
        command.Parameters.Add(new NpgsqlParameter { Value = seq });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)at ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)by ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The conversation a message belongs to (message ids are unique; indexed).</summary>
    public async Task<string?> ConversationOfMessageAsync(string messageId)
    {
        await using var command = database.CreateCommand("SELECT conversation_id FROM messages WHERE message_id = $1");
        Add(command, messageId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>An edit, or a deletion (which also unpins the message).</summary>
    public Task UpdateMessageAsync(string conversationId, long seq, string text, DateTimeOffset at, bool deleted) =>
        ExecuteAsync("""
            UPDATE messages SET text = $3, edited_at = $4, deleted = $5,
                pinned_at = CASE WHEN $5 THEN NULL ELSE pinned_at END, pinned_by = CASE WHEN $5 THEN NULL ELSE pinned_by END
            WHERE conversation_id = $1 AND seq = $2
            """, conversationId, seq, text, at, deleted);

    public Task MarkManyAsync(string conversationId, IReadOnlyList<string> userIds, long seq) =>
        ExecuteAsync("UPDATE conversation_members SET delivered_seq = $3, read_seq = $3 WHERE conversation_id = $1 AND user_id = ANY($2)",
            conversationId, userIds.ToArray(), seq);

    public Task MarkAsync(string conversationId, string userId, long deliveredSeq, long readSeq) =>
        ExecuteAsync("""
            UPDATE conversation_members SET delivered_seq = GREATEST(delivered_seq, $3), read_seq = GREATEST(read_seq, $4)
            WHERE conversation_id = $1 AND user_id = $2
            """, conversationId, userId, deliveredSeq, readSeq);

    public async Task MuteAsync(string conversationId, string userId, DateTimeOffset? until)
    {
        await using var command = database.CreateCommand("UPDATE conversation_members SET muted_until = $3 WHERE conversation_id = $1 AND user_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)until ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The unread badge: conversations with unread messages and how many, leaving out those muted at
    /// <paramref name="now"/>. Read from the committed rows (the writer moves last_seq and the
    /// members' read_seq in the same transactions the grain acknowledges after).
    /// </summary>
    public async Task<(long Conversations, long Messages)> UnreadAsync(string userId, DateTimeOffset now)
    {
        await using var command = database.CreateCommand("""
            SELECT count(*), coalesce(sum(c.last_seq - m.read_seq), 0)::bigint
            FROM conversation_members m JOIN conversations c ON c.conversation_id = m.conversation_id
            WHERE m.user_id = $1 AND m.left_at IS NULL AND c.last_seq > m.read_seq AND (m.muted_until IS NULL OR m.muted_until <= $2)
            """);
        Add(command, userId, now);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Every conversation the user is a member of now (what a message search may look in).</summary>
    public async Task<List<string>> CurrentConversationsOfAsync(string userId)
    {
        await using var command = database.CreateCommand("SELECT conversation_id FROM conversation_members WHERE user_id = $1 AND left_at IS NULL");
        Add(command, userId);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>A user's current conversations, most recently active first.</summary>
    public async Task<List<(string Id, DateTimeOffset UpdatedAt)>> OfUserAsync(string userId, (DateTimeOffset At, string Id)? after, int limit)
    {
        await using var command = database.CreateCommand("""
            SELECT c.conversation_id, c.updated_at FROM conversation_members m JOIN conversations c ON c.conversation_id = m.conversation_id
            WHERE m.user_id = $1 AND m.left_at IS NULL AND ($2::timestamptz IS NULL OR (c.updated_at, c.conversation_id) < ($2, $3))
            ORDER BY c.updated_at DESC, c.conversation_id DESC LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.Id ?? "", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return rows;
    }

    private static async Task UpsertMembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string conversationId, IReadOnlyList<MemberRow> members)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO conversation_members (conversation_id, user_id, is_admin, joined_at)
            SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::timestamptz[])
            ON CONFLICT (conversation_id, user_id) DO UPDATE SET left_at = NULL, is_admin = EXCLUDED.is_admin, joined_at = EXCLUDED.joined_at, muted_until = NULL
            """, connection, transaction);
        Add(upsert, conversationId, members.Select(m => m.UserId).ToArray(), members.Select(m => m.IsAdmin).ToArray(), members.Select(m => m.JoinedAt).ToArray());
        await upsert.ExecuteNonQueryAsync();
    }

    private static async Task<List<MessageRow>> ReadMessages(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MessageRow>();
        while (await reader.ReadAsync()) rows.Add(ReadMessage(reader));
        return rows;
    }

    /// <summary>A message from the <see cref="MessageColumns"/>, starting at <paramref name="first"/>.</summary>
    internal static MessageRow ReadMessage(NpgsqlDataReader reader, int first = 0) =>
        new(reader.GetString(first), reader.GetInt64(first + 1), reader.GetString(first + 2), reader.GetString(first + 3), reader.GetString(first + 4),
            reader.GetFieldValue<DateTimeOffset>(first + 5), reader.IsDBNull(first + 6) ? null : reader.GetFieldValue<DateTimeOffset>(first + 6), reader.GetBoolean(first + 7),
            reader.IsDBNull(first + 8) ? null : reader.GetInt64(first + 8), reader.GetFieldValue<string[]>(first + 9),
            reader.IsDBNull(first + 10) ? null : reader.GetFieldValue<DateTimeOffset>(first + 10));

    private NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        Add(command, values);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
}
